/**
 * Renders a page as the app does (query client, router, session), with fetch answered by a
 * stand-in for the server: the web unit tests check what the page sends and shows; the
 * Playwright specs (e2e/) run the same pages against the real server.
 */
import type { ReactElement } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { vi } from 'vitest';
import type { Role, Session } from '@igniflo/contract';
import { SessionProvider } from '../lib/session.tsx';

export interface Request {
  method: string;
  /** The path under /api/v1, without the query. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Headers;
}

/** Each route answers `[status, body]`; a request no route names is answered 404. */
export type Routes = Record<string, (request: Request) => [number, unknown?]>;

export function fakeServer(routes: Routes) {
  const requests: Request[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const parsed = new URL(url, 'http://app.test');
    const request: Request = {
      method: init.method ?? 'GET',
      path: parsed.pathname.replace('/api/v1', ''),
      query: parsed.searchParams,
      body: typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : init.body,
      headers: new Headers(init.headers),
    };
    requests.push(request);
    await Promise.resolve();
    const [status, body] = routes[`${request.method} ${request.path}`]?.(request) ?? [
      404,
      {
        error: { code: 'NOT_FOUND', message: `${request.method} ${request.path} not found` },
        requestId: 't',
      },
    ];
    return new Response(status === 204 ? null : JSON.stringify(body ?? {}), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  });
  return {
    requests,
    to: (method: string, path: string) => requests.filter((r) => r.method === method && r.path === path),
  };
}

export const sessionFor = (role: Role, token = `token-${role}`): Session => ({
  user: {
    id: `user-${role.toLowerCase()}`,
    email: `${role.toLowerCase()}@example.test`,
    emailVerified: true,
    pendingEmail: null,
    phone: null,
    phoneVerified: false,
    name: `Test ${role.toLowerCase()}`,
    role,
    active: true,
    avatarUrl: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  },
  accessToken: token,
  expiresIn: 900,
});

/** Where the router is now (path, and query apart), shown for tests to read. */
function Location() {
  const location = useLocation();
  return (
    <>
      <output aria-label="location">{location.pathname}</output>
      <output aria-label="query">{location.search}</output>
    </>
  );
}

/**
 * Renders `page` at `path` (matched by `pattern`, which defaults to the path without its query),
 * with a placeholder for every other route.
 */
export function renderPage(
  page: ReactElement,
  { path = '/', pattern, state }: { path?: string; pattern?: string; state?: unknown } = {},
) {
  const [pathname = '/', search = ''] = path.split(/(?=\?)/);
  pattern ??= pathname;
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = render(
    <QueryClientProvider client={client}>
      <SessionProvider>
        <MemoryRouter initialEntries={[{ pathname, search, state }]}>
          <Routes>
            <Route path={pattern} element={page} />
            <Route path="*" element={<p>elsewhere</p>} />
          </Routes>
          <Location />
        </MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
  return { ...view, client };
}
