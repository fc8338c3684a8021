import { expect, test } from './fixtures.ts';
import type { Order, WebhookDelivery, WebhookWithSecret } from '@igniflo/contract';
import { E2E_ADMIN } from './servers.ts';
import { newCustomer, placeMugOrder, screenshots, signIn, signInWithForm } from './helpers.ts';
import { startReceiver } from './receiver.ts';

test('an admin pings a failing webhook, sees its failed delivery, and redelivers it once the receiver works', async ({
  page,
  request,
}) => {
  // Any free port: the fixed one is the admin journey's, and the server may call any (private targets allowed).
  const receiver = await startReceiver(0, { status: 503 });
  try {
    const admin = { authorization: `Bearer ${await signIn(request, E2E_ADMIN)}` };
    const url = `http://127.0.0.1:${receiver.port}/ops-${Date.now()}`;
    const created = await request.post('/api/v1/admin/webhooks', {
      headers: admin,
      data: { url, description: 'Fulfilment partner', eventTypes: ['created'] },
    });
    expect(created.ok()).toBe(true);
    const hook = (await created.json()) as WebhookWithSecret;

    await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto('/admin/webhooks');
    const endpoint = page.getByRole('row').filter({ hasText: url });
    await expect(endpoint).toContainText('Active');

    // A ping to a receiver that is down: the answer says so, and nothing else changes.
    await endpoint.getByRole('button', { name: 'Send ping' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Ping to ${url}` })).toHaveText(
      new RegExp(`^Ping to ${url}: failed: HTTP 503 in \\d+ ms\\.$`),
    );

    // An order's event fails to arrive too; the endpoint is failing, its deliveries say why.
    const { token } = await newCustomer(request, 'Hooked');
    const order: Order = await placeMugOrder(request, token);
    await expect
      .poll(async () => {
        const res = await request.get(`/api/v1/admin/webhooks/${hook.id}/deliveries`, { headers: admin });
        return ((await res.json()) as { items: WebhookDelivery[] }).items.some((d) => d.kind === 'event');
      })
      .toBe(true);
    await page.reload();
    await expect(endpoint).toContainText('Failing');
    await expect(endpoint).toContainText(/\d+ failed attempts?/);
    await endpoint.getByRole('button', { name: 'Deliveries' }).click();
    const deliveries = page.getByRole('table', { name: 'Deliveries, newest first' });
    const failed = deliveries
      .getByRole('row')
      .filter({ hasText: 'Delivery' })
      .filter({ hasText: '(created)' });
    await expect(failed).toContainText('failed: HTTP 503');
    await expect(deliveries.getByRole('row').filter({ hasText: 'Ping' })).toContainText('failed: HTTP 503');

    // The receiver comes back; the admin changes nothing on the webhook and sends the event again.
    receiver.answer(200);
    await failed
      .first()
      .getByRole('button', { name: /^Redeliver/ })
      .click();
    const said = page.getByRole('status').filter({ hasText: 'again as' });
    await expect(said).toHaveText(/^Sent event #\d+ \(created\) again as #\d+: delivered \(200\)\.$/);
    const redelivered = deliveries.getByRole('row').filter({ hasText: 'Redelivery of #' }).first();
    await expect(redelivered).toContainText('delivered (200)');
    expect(receiver.bodies).toContainEqual(expect.objectContaining({ orderNumber: order.orderNumber }));
    // One pair of screenshots (CI's time is short): the failing endpoint, its failures and the redelivery.
    await screenshots(page, 'webhook-ops');
  } finally {
    await receiver.close();
  }
});
