import { expect, test } from './fixtures.ts';
import { E2E_ADMIN } from './servers.ts';
import {
  expectAccessible,
  newCustomer,
  placeMugOrder,
  screenshots,
  signIn,
  signInWithForm,
  WIDTHS,
} from './helpers.ts';

test('a customer follows their order, sees why it is held, and cancels it with a reason', async ({
  page,
  request,
}) => {
  const admin = await signIn(request, E2E_ADMIN);
  const { token: customer, email, password } = await newCustomer(request, 'Follower');
  const order = await placeMugOrder(request, customer, {
    quantity: 2,
    shippingAddress: {
      name: 'Ada Follower',
      line1: '1 Long Lane',
      city: 'Leeds',
      postalCode: 'LS1 1AA',
      country: 'GB',
    },
  });
  const staff = { authorization: `Bearer ${admin}` };

  await signInWithForm(page, email, password);
  await page.goto(`/orders/${order.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Order ${order.orderNumber}` })).toBeVisible();
  await expect(page).toHaveTitle(`Order ${order.orderNumber} · Igniflo`);
  const items = page.getByRole('table', { name: `Items in order ${order.orderNumber}` });
  await expect(items.getByRole('row')).toHaveCount(3);
  await expect(page.getByText('United Kingdom')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Public tracking page' })).toHaveAttribute(
    'href',
    `/track/${order.orderNumber}`,
  );

  // Staff hold it with a reason: the customer sees the reason live, and the step it stopped at.
  const held = await request.patch(`/api/v1/orders/${order.id}/status`, {
    headers: staff,
    data: { status: 'ON_HOLD', note: 'The colour you chose is back in stock on Friday' },
  });
  expect(held.ok()).toBe(true);
  await expect(page.getByText('This order is on hold')).toBeVisible({ timeout: 2000 });
  await expect(page.getByText('Reason: The colour you chose is back in stock on Friday')).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, 'customer-order-held');

  const resumed = await request.patch(`/api/v1/orders/${order.id}/status`, {
    headers: staff,
    data: { status: 'PENDING' },
  });
  expect(resumed.ok()).toBe(true);
  await expect(page.getByText('This order is on hold')).toBeHidden({ timeout: 2000 });

  // Cancelling asks first; keeping the order changes nothing.
  await page.getByRole('button', { name: 'Cancel order' }).click();
  const dialog = page.getByRole('dialog', { name: `Cancel order ${order.orderNumber}?` });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Keep the order' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Status: Received')).toBeVisible();

  await page.getByRole('button', { name: 'Cancel order' }).click();
  await dialog.getByLabel(/Reason/).fill('Ordered the wrong size');
  await dialog.getByRole('button', { name: 'Cancel order' }).click();
  await expect(page.getByText(`Order ${order.orderNumber} is cancelled.`)).toBeVisible();
  await expect(page.getByText('This order was cancelled')).toBeVisible();
  await expect(page.getByText('Reason: Ordered the wrong size')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancel order' })).toHaveCount(0);

  await page.setViewportSize(WIDTHS.phone);
  await expectAccessible(page);
});

test('staff put an order on hold with a reason, resume it, and the board never offers a refused move', async ({
  page,
  request,
}) => {
  const { token, email } = await newCustomer(request, 'Held');
  const order = await placeMugOrder(request, token);

  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/staff/orders/${order.id}`);
  const moves = page.getByRole('group', { name: 'Move the order' }).getByRole('button');
  await expect(moves).toHaveText(['Move to Confirmed', 'Put on hold…', 'Cancel order…']);
  // Who to write to about it.
  const customer = page.getByRole('region', { name: 'Customer' });
  await expect(customer).toContainText('Held');
  await expect(customer.getByRole('link', { name: email })).toHaveAttribute('href', `mailto:${email}`);

  await page.getByRole('button', { name: 'Put on hold…' }).click();
  const dialog = page.getByRole('dialog', { name: `Put order ${order.orderNumber} on hold?` });
  // A hold needs a reason the customer can read.
  await dialog.getByRole('button', { name: 'Put on hold' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(/Reason/).fill('Waiting for the engraver');
  await dialog.getByRole('button', { name: 'Put on hold' }).click();
  await expect(page.getByText(`Order ${order.orderNumber} moved to On hold.`)).toBeVisible();
  await expect(page.getByText('Status: On hold')).toBeVisible();
  await expect(page.getByText('Reason: Waiting for the engraver')).toBeVisible();
  // Staff read who made each change: the customer placed it, the admin held it.
  const history = page.getByRole('list', { name: 'Order history' }).getByRole('listitem');
  await expect(history.first()).toContainText(/On hold.* · by \S/);
  await expect(history.last()).toContainText(/Received.* · by Held/);
  await expect(moves).toHaveText(['Resume: back to Received', 'Cancel order…']);
  await expectAccessible(page);
  await screenshots(page, 'staff-order-held');

  await page.getByRole('button', { name: 'Resume: back to Received' }).click();
  await expect(page.getByText('Status: Received')).toBeVisible();

  await page.getByRole('button', { name: 'Mark as paid' }).click();
  await expect(page.getByText('Paid', { exact: true })).toBeVisible();
});

test('staff move an order on the board from its menu or by keyboard drag, and a refused column says so', async ({
  page,
  request,
}) => {
  const { token } = await newCustomer(request, 'Boarder');
  const order = await placeMugOrder(request, token);
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  // The search is in the address: a shared link opens the same board.
  await page.goto(`/staff?q=${order.orderNumber}`);
  await expect(page.getByLabel('Search orders')).toHaveValue(order.orderNumber);
  const card = (column: string) =>
    page
      .getByRole('region', { name: new RegExp(`^${column} \\(`) })
      .getByRole('listitem')
      .filter({ hasText: `Order ${order.orderNumber}` });
  await expect(card('Received')).toContainText('Boarder');
  await expect(card('Received')).toContainText('1 × Enamel camp mug');
  await expect(card('Received')).toContainText('Unpaid');

  await card('Received')
    .getByRole('button', { name: `Move order ${order.orderNumber} to…` })
    .click();
  await page.getByRole('menuitem', { name: 'Move to Confirmed' }).click();
  await expect(card('Confirmed')).toBeVisible();
  await expect(page.getByText(`Order ${order.orderNumber} moved to Confirmed.`)).toBeVisible();

  // By keyboard: Space picks the card up, an arrow carries it to the next column that takes it.
  await page.getByRole('button', { name: `Drag order ${order.orderNumber}` }).focus();
  await page.keyboard.press('Space');
  // While it is held, a column that would refuse it says so.
  await expect(page.getByRole('heading', { name: 'Received (0), not allowed' })).toBeVisible();
  // dnd-kit listens for the arrow keys from a timer set at pick-up, and Chromium runs input before
  // timers: let the page's pending timers run first, as a person's pause would.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  await page.keyboard.press('ArrowRight');
  await expect(page.getByText(`Order ${order.orderNumber} is over Being prepared.`)).toBeAttached();
  await page.keyboard.press('Space');
  await expect(card('Being prepared')).toBeVisible();
  await expect(page.getByRole('button', { name: `Drag order ${order.orderNumber}` })).toBeFocused();
  await expectAccessible(page);
  await screenshots(page, 'staff-board-moves');
});
