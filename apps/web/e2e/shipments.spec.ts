import { expect, test } from './fixtures.ts';
import { E2E_ADMIN } from './servers.ts';
import {
  expectAccessible,
  newCustomer,
  placeMugOrder,
  screenshots,
  signIn,
  signInWithForm,
} from './helpers.ts';

test('staff ship an order in two packages, and a tracker sees each package arrive live', async ({
  page,
  browser,
  request,
}) => {
  const { token } = await newCustomer(request, 'Parcel');
  const order = await placeMugOrder(request, token, { quantity: 2 });
  const admin = await signIn(request, E2E_ADMIN);
  for (const status of ['CONFIRMED', 'IN_PROGRESS']) {
    const moved = await request.patch(`/api/v1/orders/${order.id}/status`, {
      headers: { authorization: `Bearer ${admin}` },
      data: { status },
    });
    expect(moved.ok()).toBe(true);
  }

  // Someone holding only the order number watches the public page, in a browser of their own.
  const tracker = await (await browser.newContext()).newPage();
  await tracker.goto(`/track/${order.orderNumber}`);
  await expect(tracker.getByText('Status: Being prepared')).toBeVisible();

  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/staff/orders/${order.id}`);
  await page.getByRole('button', { name: 'Ship items…' }).click();
  const form = page.getByRole('region', { name: 'Ship items' });
  await form.getByLabel('Enamel camp mug (2 left)').fill('1');
  await form.getByLabel('Carrier').fill('DHL');
  await form.getByLabel('Tracking number').fill('JD0000000001');
  await form.getByRole('button', { name: 'Ship package' }).click();
  await expect(page.getByText('Package 1 of 1')).toBeVisible();
  await expect(page.getByText('Status: Partly shipped')).toBeVisible();
  await expect(tracker.getByText('Package 1 of 1')).toBeVisible();
  await expect(tracker.getByText('Status: Partly shipped')).toBeVisible();

  // The form will not ask for more than is left (the server refuses it too: shipments.test.ts).
  await page.getByRole('button', { name: 'Ship items…' }).click();
  await form.getByLabel('Enamel camp mug (1 left)').fill('2');
  await form.getByLabel('Carrier').fill('DHL');
  await form.getByLabel('Tracking number').fill('JD0000000002');
  await form.getByRole('button', { name: 'Ship package' }).click();
  await expect(form.locator('input:invalid')).toHaveCount(1);
  await expect(page.getByText('Package 2 of 2')).toHaveCount(0);

  await form.getByLabel('Enamel camp mug (1 left)').fill('1');
  await form.getByRole('button', { name: 'Ship package' }).click();
  await expect(page.getByText('Package 2 of 2')).toBeVisible();
  await expect(page.getByText('Status: Shipped')).toBeVisible();
  await expect(tracker.getByText('Package 2 of 2')).toBeVisible();
  await expect(tracker.getByText('Each package shows when it is expected.')).toBeVisible();
  // The public page names the carrier and number, never the customer.
  await expect(tracker.getByText('JD0000000002')).toBeVisible();
  await expect(tracker.getByText('Parcel')).toHaveCount(0);

  // News of one package, with no change of the order's status, reaches the tracker too.
  const update = page.getByRole('form', { name: 'Update package 1' });
  await update.getByLabel('Status').selectOption('OUT_FOR_DELIVERY');
  await update.getByLabel('Where').fill('Depot 4');
  await update.getByRole('button', { name: 'Add update' }).click();
  await expect(tracker.getByText('Out for delivery')).toBeVisible();
  await expect(tracker.getByText('Status: Shipped')).toBeVisible();

  await expectAccessible(page);
  await screenshots(page, 'staff-order-packages');
  await screenshots(tracker, 'tracking-packages');
  await tracker.context().close();
});
