import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '@igniflo/contract';
import { api, ApiError } from './api.ts';
import { SessionKeeper } from './session-keeper.ts';

const user = (id: string): Session['user'] => ({
  id,
  email: `${id}@example.test`,
  emailVerified: true,
  pendingEmail: null,
  phone: null,
  phoneVerified: false,
  name: id,
  role: 'CUSTOMER',
  active: true,
  avatarUrl: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});
const session = (token: string, id = 'ada'): Session => ({
  user: user(id),
  accessToken: token,
  expiresIn: 900,
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refused = (code: string) => json(401, { error: { code, message: code }, requestId: 'test' });

interface Call {
  path: string;
  init: RequestInit;
  authorization: string | null;
}

/** Stands in for the server: `answer` replies to each request, every request is kept. */
function fakeServer(answer: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const call = {
      path: url.replace('/api/v1', ''),
      init,
      authorization: new Headers(init.headers).get('authorization'),
    };
    calls.push(call);
    await Promise.resolve();
    return answer(call);
  });
  return { calls, to: (path: string) => calls.filter((call) => call.path === path) };
}

const keepers: SessionKeeper[] = [];
function keeper(channelName = `test-${Math.random()}`) {
  const made = new SessionKeeper({ channelName });
  keepers.push(made);
  return made;
}
const until = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true));

afterEach(() => {
  keepers.splice(0).forEach((k) => k.stop());
  vi.unstubAllGlobals();
});

describe('SessionKeeper', () => {
  it('restores the session from the refresh cookie with one request, however many ask at once', async () => {
    const server = fakeServer(() => json(200, session('token-1')));
    const tab = keeper();
    expect(tab.snapshot.restoring).toBe(true);
    tab.start();
    const answers = await Promise.all([tab.refresh(), tab.refresh(), tab.refresh()]);

    expect(server.calls).toHaveLength(1);
    const [call] = server.calls;
    expect(call?.path).toBe('/auth/refresh');
    expect(call?.init.credentials).toBe('same-origin');
    expect(JSON.parse(call?.init.body as string)).toEqual({ mode: 'cookie' });
    expect(answers.map((a) => a?.accessToken)).toEqual(['token-1', 'token-1', 'token-1']);
    expect(tab.snapshot).toMatchObject({ restoring: false, session: { accessToken: 'token-1' } });
  });

  it('ends restoring signed out when the server has no session for the cookie', async () => {
    fakeServer(() => refused('UNAUTHENTICATED'));
    const tab = keeper();
    tab.start();
    await until(() => !tab.snapshot.restoring);
    expect(tab.snapshot.session).toBeNull();
  });

  it('keeps restoring through a network failure and tries again', async () => {
    vi.useFakeTimers();
    try {
      let down = true;
      const server = fakeServer(() => {
        if (down) throw new TypeError('Failed to fetch');
        return json(200, session('token-1'));
      });
      const tab = keeper();
      tab.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(tab.snapshot).toEqual({ restoring: true, session: null });
      down = false;
      await vi.advanceTimersByTimeAsync(10_000);
      expect(server.to('/auth/refresh')).toHaveLength(2);
      expect(tab.snapshot.session?.accessToken).toBe('token-1');
    } finally {
      vi.useRealTimers();
    }
  });

  it('refreshes a minute before the access token expires', async () => {
    vi.useFakeTimers();
    try {
      let issued = 0;
      const server = fakeServer(() => json(200, session(`token-${++issued}`)));
      const tab = keeper();
      tab.start();
      await vi.advanceTimersByTimeAsync(0);
      await vi.advanceTimersByTimeAsync(839_000);
      expect(server.calls).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(server.calls).toHaveLength(2);
      expect(tab.snapshot.session?.accessToken).toBe('token-2');
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers a request refused as unauthenticated with one refresh, and retries each request once', async () => {
    const server = fakeServer((call) => {
      if (call.path === '/auth/refresh')
        return json(200, session(server.to('/auth/refresh').length === 1 ? 'old' : 'new'));
      return call.authorization === 'Bearer new' ? json(200, { ok: true }) : refused('UNAUTHENTICATED');
    });
    const tab = keeper();
    tab.start();
    await until(() => tab.snapshot.session?.accessToken === 'old');

    const headers = { authorization: 'Bearer old' };
    const results = await Promise.all([api('/orders', { headers }), api('/cart', { headers })]);
    expect(results).toEqual([{ ok: true }, { ok: true }]);
    expect(server.to('/auth/refresh')).toHaveLength(2);
    expect(server.to('/orders').map((c) => c.authorization)).toEqual(['Bearer old', 'Bearer new']);
    // A request still holding the replaced token needs no refresh of its own.
    await api('/orders', { headers });
    expect(server.to('/auth/refresh')).toHaveLength(2);
  });

  it('does not retry a refused proof of the account, nor a request whose retry is refused too', async () => {
    const server = fakeServer((call) =>
      call.path === '/auth/refresh'
        ? json(200, session(`token-${server.to('/auth/refresh').length}`))
        : call.path === '/users/me/password'
          ? refused('REAUTH_REQUIRED')
          : refused('UNAUTHENTICATED'),
    );
    const tab = keeper();
    tab.start();
    await until(() => tab.snapshot.session !== null);
    const headers = { authorization: 'Bearer token-1' };

    await expect(api('/users/me/password', { method: 'POST', headers, body: '{}' })).rejects.toMatchObject({
      code: 'REAUTH_REQUIRED',
    });
    expect(server.to('/users/me/password')).toHaveLength(1);
    expect(server.to('/auth/refresh')).toHaveLength(1);

    await expect(api('/orders', { headers })).rejects.toBeInstanceOf(ApiError);
    expect(server.to('/orders')).toHaveLength(2);
  });

  it('never retries a request as another account that signed in meanwhile', async () => {
    const server = fakeServer((call) =>
      call.path === '/auth/refresh' ? json(200, session('grace-token', 'grace')) : refused('UNAUTHENTICATED'),
    );
    const tab = keeper();
    tab.start();
    tab.signedIn(session('ada-token', 'ada'));
    await until(() => !tab.snapshot.restoring);
    await expect(api('/cart', { headers: { authorization: 'Bearer ada-token' } })).rejects.toMatchObject({
      status: 401,
    });
    expect(server.to('/cart')).toHaveLength(1);
  });

  it('signs every tab out when one signs out, and has the others refresh when one signs in', async () => {
    let signedIn = true;
    const server = fakeServer((call) => {
      if (call.path === '/auth/logout') return ((signedIn = false), json(200, { ok: true }));
      return signedIn ? json(200, session(`token-${server.calls.length}`)) : refused('UNAUTHENTICATED');
    });
    const channel = `tabs-${Math.random()}`;
    const first = keeper(channel);
    const second = keeper(channel);
    first.start();
    second.start();
    await until(() => first.snapshot.session !== null && second.snapshot.session !== null);

    await first.signOut();
    expect(server.to('/auth/logout')[0]?.authorization).toBeNull();
    expect(first.snapshot.session).toBeNull();
    await until(() => second.snapshot.session === null);
    expect(server.to('/auth/refresh')).toHaveLength(2);

    signedIn = true;
    second.signedIn(session('fresh'));
    await until(() => first.snapshot.session !== null);
    expect(server.to('/auth/refresh')).toHaveLength(3);
  });
});
