import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, NetworkError } from './api.ts';

afterEach(() => vi.unstubAllGlobals());

describe('api', () => {
  it('turns a request that never reached the server into a plain-words NetworkError', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));
    const failure = await api('/products').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(NetworkError);
    expect((failure as Error).message).toBe('Could not reach the shop. Check your connection and try again.');
    expect(failure).not.toBeInstanceOf(ApiError);
  });

  it('lets a request cancelled on purpose stay an AbortError', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new DOMException('aborted', 'AbortError')));
    await expect(api('/products')).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('gives the server’s error code and message', async () => {
    vi.stubGlobal('fetch', async () =>
      Response.json(
        { error: { code: 'NOT_FOUND', message: 'Order not found' }, requestId: 'r' },
        { status: 404 },
      ),
    );
    await expect(api('/orders/x')).rejects.toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      message: 'Order not found',
    });
  });
});
