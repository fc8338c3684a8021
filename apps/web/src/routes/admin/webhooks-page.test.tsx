// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Webhook, WebhookDelivery } from '@igniflo/contract';
import { fakeServer, renderPage, sessionFor } from '../../test-support/app-harness.tsx';
import { WebhooksPage } from './webhooks-page.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const AT = '2026-03-01T10:00:00.000Z';
const hook = (id: string, fields: Partial<Webhook> = {}): Webhook => ({
  id,
  url: `https://hooks.example.com/${id}`,
  description: '',
  eventTypes: [],
  active: true,
  lastEventId: 10,
  failedAttempts: 0,
  nextAttemptAt: null,
  failingSince: null,
  disabledAt: null,
  disabledReason: null,
  createdAt: AT,
  updatedAt: AT,
  ...fields,
});
const attempt = (id: number, fields: Partial<WebhookDelivery> = {}): WebhookDelivery => ({
  id,
  kind: 'event',
  eventId: 11,
  eventType: 'created',
  redeliveryOf: null,
  deliveryUid: `uid-${id}`,
  attempt: 1,
  succeeded: false,
  responseStatus: 503,
  error: 'http',
  durationMs: 12,
  at: AT,
  ...fields,
});

const HOOKS = [
  hook('ok'),
  hook('failing', { failingSince: AT, failedAttempts: 3, nextAttemptAt: AT }),
  hook('paused', { active: false }),
  hook('off', {
    active: false,
    failedAttempts: 40,
    failingSince: AT,
    disabledAt: AT,
    disabledReason: 'Every delivery failed for 24 h without a success.',
  }),
];

const row = (id: string) => screen.getByRole('row', { name: new RegExp(`hooks.example.com/${id}`) });

describe('the admin webhooks page', () => {
  it('shows each endpoint as active, failing since when, paused, or disabled with why; Re-enable turns it back on', async () => {
    const server = fakeServer({
      'POST /auth/refresh': () => [200, sessionFor('ADMIN')],
      'GET /admin/webhooks': () => [200, { items: HOOKS, nextCursor: null }],
      'PATCH /admin/webhooks/off': () => [200, hook('off')],
    });
    renderPage(<WebhooksPage />, { path: '/admin/webhooks' });
    await screen.findByRole('row', { name: /hooks.example.com\/off/ });
    expect(within(row('ok')).getByText('Active')).toBeTruthy();
    expect(within(row('failing')).getByText('Failing')).toBeTruthy();
    expect(row('failing').textContent).toMatch(/since .*: 3 failed attempts, next try/);
    expect(within(row('paused')).getByText('Paused')).toBeTruthy();
    expect(within(row('paused')).getByRole('button', { name: 'Resume' })).toBeTruthy();
    expect(within(row('off')).getByText('Disabled')).toBeTruthy();
    expect(row('off').textContent).toContain('Every delivery failed for 24 h without a success.');

    fireEvent.click(within(row('off')).getByRole('button', { name: 'Re-enable' }));
    await waitFor(() => expect(server.to('PATCH', '/admin/webhooks/off')).toHaveLength(1));
    expect(server.to('PATCH', '/admin/webhooks/off')[0]!.body).toEqual({ active: true });
  });

  it('sends a ping and says how it went, a failure included', async () => {
    const server = fakeServer({
      'POST /auth/refresh': () => [200, sessionFor('ADMIN')],
      'GET /admin/webhooks': () => [200, { items: HOOKS, nextCursor: null }],
      'POST /admin/webhooks/paused/ping': () => [
        200,
        attempt(7, { kind: 'ping', eventId: null, eventType: null }),
      ],
    });
    renderPage(<WebhooksPage />, { path: '/admin/webhooks' });
    await screen.findByRole('row', { name: /hooks.example.com\/paused/ });
    fireEvent.click(within(row('paused')).getByRole('button', { name: 'Send ping' }));
    await screen.findByText('Ping to https://hooks.example.com/paused: failed: HTTP 503 in 12 ms.');
    expect(server.to('POST', '/admin/webhooks/paused/ping')).toHaveLength(1);
  });

  it('opens the deliveries named in the address, and redelivers a row, the new attempt coming in', async () => {
    let list = [attempt(2), attempt(1, { kind: 'ping', eventId: null, eventType: null })];
    const again = attempt(3, {
      kind: 'redelivery',
      redeliveryOf: 2,
      attempt: 2,
      succeeded: true,
      responseStatus: 200,
      error: null,
    });
    const server = fakeServer({
      'POST /auth/refresh': () => [200, sessionFor('ADMIN')],
      'GET /admin/webhooks': () => [200, { items: HOOKS, nextCursor: null }],
      'GET /admin/webhooks/failing/deliveries': () => [200, { items: list, nextCursor: null }],
      'POST /admin/webhooks/failing/deliveries/2/redeliver': () => {
        list = [again, ...list];
        return [200, again];
      },
    });
    renderPage(<WebhooksPage />, { path: '/admin/webhooks?webhook=failing' });
    const table = await screen.findByRole('table', { name: 'Deliveries, newest first' });
    const failed = await within(table).findByRole('row', { name: /^#2\b/ });
    expect(failed.textContent).toContain('event #11 (created)');
    expect(failed.textContent).toContain('failed: HTTP 503');
    expect(within(table).getByRole('row', { name: /^#1\b/ }).textContent).toContain('Ping');

    fireEvent.click(within(failed).getByRole('button', { name: 'Redeliver #2' }));
    await screen.findByText('Sent event #11 (created) again as #3: delivered (200).');
    const redelivered = await within(table).findByRole('row', { name: /^#3\b/ });
    expect(redelivered.textContent).toContain('Redelivery of #2');
    expect(redelivered.textContent).toContain('delivered (200)');
    expect(server.to('POST', '/admin/webhooks/failing/deliveries/2/redeliver')).toHaveLength(1);
  });
});
