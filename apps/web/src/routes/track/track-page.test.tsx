// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Tracking } from '@igniflo/contract';
import { keys } from '../../hooks/api/query-keys.ts';
import { fakeServer, renderPage } from '../../test-support/app-harness.tsx';
import { TrackPage } from './track-page.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const tracking: Tracking = {
  orderNumber: 'ABCDE12345',
  status: 'PENDING',
  carrier: null,
  trackingNumber: null,
  estimatedDelivery: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  timeline: [{ status: 'PENDING', at: '2026-01-01T00:00:00.000Z' }],
  shipments: [],
};

describe('TrackPage', () => {
  it('keeps showing the order when a refresh fails on a lost connection', async () => {
    let online = true;
    fakeServer({
      'GET /track/ABCDE12345': () => {
        if (!online) throw new TypeError('Failed to fetch');
        return [200, tracking];
      },
    });
    const { client } = renderPage(<TrackPage />, {
      path: '/track/ABCDE12345',
      pattern: '/track/:orderNumber',
    });
    expect(await screen.findByRole('heading', { name: 'Order ABCDE12345' })).toBeTruthy();

    online = false;
    await act(() => client.refetchQueries({ queryKey: keys.tracking('ABCDE12345') }));
    expect(client.getQueryState(keys.tracking('ABCDE12345'))?.status).toBe('error');
    expect(screen.getByRole('heading', { name: 'Order ABCDE12345' })).toBeTruthy();
    expect(document.querySelector('.status-line')?.textContent).toBe('Status: Received');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says so when the order number is unknown', async () => {
    fakeServer({});
    renderPage(<TrackPage />, { path: '/track/NOPE', pattern: '/track/:orderNumber' });
    expect((await screen.findByRole('alert')).textContent).toContain('No order has this number');
  });
});
