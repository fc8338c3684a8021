import { expect, test } from './fixtures.ts';
import { E2E_ADMIN } from './servers.ts';
import { startSmtpInbox } from '../../server/test/smtp-inbox.ts';
import { expectAccessible, newCustomer, placeMugOrder, screenshots, signInWithForm } from './helpers.ts';

test('staff read in the order history which emails the customer got, live; the customer’s page never asks', async ({
  page,
  request,
  server,
}) => {
  // Mail that earlier tests queued with no mail server listening may go out first.
  test.setTimeout(60_000);
  const inbox = await startSmtpInbox(server.smtpPort);
  try {
    const { token, email, password } = await newCustomer(request, 'Mailed');
    const order = await placeMugOrder(request, token);
    const masked = `${email[0]}•••@e2e.test`;
    const subjects = () => inbox.to(email).map((m) => m.subject);
    await expect.poll(subjects, { timeout: 30_000 }).toContain(`Order ${order.orderNumber} received`);

    await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
    await page.goto(`/staff/orders/${order.id}`);
    const history = page.getByRole('list', { name: 'Order history' }).getByRole('listitem');
    await expect(history.first()).toHaveText(new RegExp(`^Email sent to ${masked} — Order received`));
    await expect(history.nth(1)).toHaveAttribute('aria-current', 'step');

    // A move made on this page is mailed after it commits; the history shows it without a reload.
    await page.getByRole('button', { name: 'Move to Confirmed' }).click();
    await expect(page.getByText('Status: Confirmed')).toBeVisible();
    await expect(history.first()).toHaveText(new RegExp(`^Email sent to ${masked} — Confirmed`), {
      timeout: 10_000,
    });
    await expect(history.nth(1)).toHaveText(/^Confirmed/);
    expect(subjects()).toContain(`Order ${order.orderNumber} is confirmed`);
    await expectAccessible(page);
    await screenshots(page, 'staff-order-messages');

    // The customer's own order page neither lists the messages nor asks the server for them.
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/messages')) asked.push(r.url());
    });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInWithForm(page, email, password);
    await page.goto(`/orders/${order.id}`);
    await expect(page.getByRole('list', { name: 'Order history' }).getByRole('listitem').first()).toHaveText(
      /^Confirmed/,
    );
    await expect(page.getByText(/Email sent to/)).toHaveCount(0);
    expect(asked).toEqual([]);
  } finally {
    await inbox.close();
  }
});
