import { expect, test } from './fixtures.ts';
import { E2E_ADMIN } from './servers.ts';
import { newCustomer, placeMugOrder, screenshots, signIn, signInWithForm } from './helpers.ts';

test('a customer returns a delivered item, staff approve and receive it, an admin refunds it, the customer sees the refund', async ({
  page,
  browser,
  request,
}) => {
  const admin = await signIn(request, E2E_ADMIN);
  const staff = { authorization: `Bearer ${admin}` };
  const { token, email, password } = await newCustomer(request, 'Returner');
  const order = await placeMugOrder(request, token, { quantity: 2 });
  for (const status of ['CONFIRMED', 'IN_PROGRESS', 'SHIPPED', 'DELIVERED']) {
    expect(
      (await request.patch(`/api/v1/orders/${order.id}/status`, { headers: staff, data: { status } })).ok(),
    ).toBe(true);
  }
  const paid = await request.patch(`/api/v1/orders/${order.id}`, {
    headers: staff,
    data: { paymentReceived: true },
  });
  expect(paid.ok()).toBe(true);
  const mug = order.items[0]!;

  // The customer asks to return one mug, with a reason, from the order's page.
  await signInWithForm(page, email, password);
  await page.goto(`/orders/${order.id}`);
  await expect(page.getByText('Payment: Paid')).toBeVisible();
  await page.getByRole('button', { name: 'Return items' }).click();
  const ask = page.getByRole('dialog', { name: `Return items from order ${order.orderNumber}` });
  const line = ask.getByRole('group', { name: `${mug.name} (up to 2)` });
  await line.getByLabel('How many').fill('1');
  await line.getByLabel('Reason').selectOption('Damaged or faulty');
  await ask.getByLabel('Note for the shop (optional)').fill('The handle came off');
  await screenshots(page, 'return-request');
  await ask.getByRole('button', { name: 'Request return' }).click();
  await expect(page.getByText('Return 1 requested. The shop will reply here.')).toBeVisible();
  const returns = page.getByRole('region', { name: 'Returns' });
  await expect(returns.getByText('Requested', { exact: true })).toBeVisible();

  // Staff approve it from the returns queue, then receive it and put the mug back on sale.
  const desk = await (await browser.newContext()).newPage();
  await signInWithForm(desk, E2E_ADMIN.email, E2E_ADMIN.password);
  await desk.getByRole('link', { name: 'Returns', exact: true }).click();
  // The dashboard has a Status too; it stays until the queue's page has loaded.
  await expect(desk.getByRole('heading', { name: 'Returns', level: 1 })).toBeVisible();
  await desk.getByLabel('Status').selectOption('Requested');
  await expect(desk).toHaveURL(/status=REQUESTED/);
  await screenshots(desk, 'staff-returns-queue');
  const which = `return 1 of order ${order.orderNumber}`;
  await desk.getByRole('button', { name: `Approve ${which}` }).click();
  const approve = desk.getByRole('dialog', { name: `Approve ${which}?` });
  await approve.getByLabel(/Note/).fill('Send it back with the label in the box');
  await approve.getByRole('button', { name: 'Approve return' }).click();
  await expect(desk.getByText(`Return 1 of order ${order.orderNumber} approved.`)).toBeVisible();
  // The customer's page follows live.
  await expect(returns.getByText('Approved', { exact: true })).toBeVisible();

  await desk.getByLabel('Status').selectOption('Any');
  await desk.getByRole('button', { name: `Receive ${which}` }).click();
  const receive = desk.getByRole('dialog', { name: `Receive ${which}?` });
  await expect(receive.getByLabel(`${mug.name} (1 returned)`)).toHaveValue('1');
  await receive.getByRole('button', { name: 'Receive and restock' }).click();
  await expect(desk.getByText(`Return 1 of order ${order.orderNumber} received.`)).toBeVisible();
  await expect(desk.getByRole('row', { name: new RegExp(order.orderNumber) })).toContainText('Received');

  // The admin refunds the return from the order's page: its value is filled in.
  await desk.goto(`/staff/orders/${order.id}`);
  await desk.getByRole('button', { name: 'Refund…' }).click();
  const refund = desk.getByRole('dialog', { name: `Refund order ${order.orderNumber}` });
  await refund.getByLabel('For a return (optional)').selectOption({ label: `Return 1: 1 × ${mug.name}` });
  await expect(refund.getByLabel(/^Amount/)).toHaveValue((mug.unitPriceCents / 100).toFixed(2));
  await refund.getByRole('button', { name: 'Record refund' }).click();
  const payment = desk.getByRole('region', { name: 'Payment' });
  await expect(desk.getByText('Partly refunded', { exact: true })).toBeVisible();
  await expect(payment.getByText(/of .* refunded$/)).toBeVisible();
  await expect(payment.getByText(/for return 1: Return 1/)).toBeVisible();

  // The customer sees the refund on the order, live, and on the return's own page.
  await expect(page.getByText('Payment: Partly refunded')).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Refunded' })).toBeVisible();
  await returns.getByRole('link', { name: 'Return 1' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: `Return 1 of order ${order.orderNumber}` }),
  ).toBeVisible();
  await expect(page.getByText('Status: Refunded')).toBeVisible();
  await expect(page.getByText('From the shop: Send it back with the label in the box')).toBeVisible();
  await expect(page.getByText(/^Refunded .* on /)).toBeVisible();
  await screenshots(page, 'return-refunded');
  // "My orders" leads to every return of theirs.
  await page.getByRole('link', { name: 'My orders' }).first().click();
  await page.getByRole('link', { name: 'My returns' }).click();
  await expect(
    page.getByRole('row', { name: new RegExp(`Return 1 of order ${order.orderNumber}`) }),
  ).toContainText('Refunded');

  await desk.context().close();
});
