import type { ErrorResponse } from '@igniflo/contract';
import { ErrorCode } from '@igniflo/contract/constants';

/** An API error in the shape of SPEC §5, with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** For a 400: each field refused, `{ path: 'body/shippingAddress/country', message }`. */
    readonly details: readonly { path?: string; message?: string }[] = [],
  ) {
    super(message);
  }

  /**
   * The refused fields under `prefix` ("body/shippingAddress/"), in words for a form: the field's
   * own name is the key, so the form puts each message beside its input.
   */
  fieldErrors(prefix: string): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const { path, message = '' } of this.details) {
      if (!path?.startsWith(prefix)) continue;
      const field = path.slice(prefix.length).split('/')[0] ?? '';
      const length = /must NOT have (more|fewer) than (\d+) characters/.exec(message);
      errors[field] = length
        ? length[1] === 'more'
          ? `Use at most ${length[2]} characters.`
          : 'This is required.'
        : 'This is not in a form we can use.';
    }
    return errors;
  }
}

/**
 * Called when a request sent with an access token is refused as unauthenticated (the token expired
 * or the session was refreshed meanwhile): answers the token to retry with once, or null when the
 * session is gone. The session installs it; without one a 401 is simply an error.
 */
export type Reauthorizer = (refusedToken: string) => Promise<string | null>;
let reauthorize: Reauthorizer | null = null;

export function setReauthorizer(next: Reauthorizer | null): void {
  reauthorize = next;
}

const bearerOf = (headers: Headers) => /^Bearer (.+)$/.exec(headers.get('authorization') ?? '')?.[1] ?? null;

function send(path: string, init: RequestInit, headers: Headers): Promise<Response> {
  if (typeof init.body === 'string' && !headers.has('content-type'))
    headers.set('content-type', 'application/json');
  // Same origin only: the refresh cookie goes to this server's auth routes and nowhere else.
  return fetch(`/api/v1${path}`, { ...init, headers, credentials: 'same-origin' }).catch((error: unknown) => {
    // A request cancelled on purpose stays an AbortError; anything else never reached the server.
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new NetworkError();
  });
}

/** The request never got an answer: offline, or the server is unreachable. Worth trying again. */
export class NetworkError extends Error {
  constructor() {
    super('Could not reach the shop. Check your connection and try again.');
  }
}

async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as ErrorResponse | null;
  return new ApiError(
    response.status,
    body?.error.code ?? 'ERROR',
    body?.error.message ?? response.statusText,
    (body?.error.details ?? []) as ApiError['details'],
  );
}

/** Sends the request; a refused access token is renewed once and the request sent again. */
async function request(path: string, init: RequestInit): Promise<Response> {
  const headers = new Headers(init.headers);
  let response = await send(path, init, headers);
  const token = bearerOf(headers);
  if (response.status === 401 && token !== null && reauthorize) {
    const refused = await errorOf(response);
    // REAUTH_REQUIRED is about the password or code the user typed: sent again it would only count
    // as one more wrong guess.
    if (refused.code !== ErrorCode.UNAUTHENTICATED) throw refused;
    const fresh = await reauthorize(token);
    if (fresh === null) throw refused;
    headers.set('authorization', `Bearer ${fresh}`);
    response = await send(path, init, headers);
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await request(path, init);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/**
 * Fetches a file the API makes (a CSV export, a PDF) with the caller's token, and saves it under
 * the name the server gave it: a plain link could not carry the Authorization header.
 */
export async function download(path: string, init: RequestInit = {}): Promise<string> {
  const response = await request(path, init);
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'download';
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download by now; the object URL is no longer needed once it has.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

export const formatMoney = (cents: number, currency: string) =>
  new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(cents / 100);

export const formatTime = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
