import { expect, test } from './fixtures.ts';
import type { Order, Product } from '@igniflo/contract';
import { E2E_ADMIN } from './servers.ts';
import { startFlakyLink } from './flaky-link.ts';
import { expectAccessible, screenshots, signIn } from './helpers.ts';

test('the catalog lists the seeded products and can be searched', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Catalog' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Enamel camp mug' })).toBeVisible();
  await page.getByLabel('Search products').fill('hoodie');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('heading', { name: 'Zip hoodie' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Enamel camp mug' })).toHaveCount(0);
  await expectAccessible(page);
  await page.getByLabel('Search products').fill('');
  await page.getByRole('button', { name: 'Search' }).click();
  await screenshots(page, 'catalog');
});

test('a public tracking page shows each status change live, without a reload', async ({ page, request }) => {
  const admin = await signIn(request, E2E_ADMIN);
  const customer = await signIn(
    request,
    { email: `buyer-${Date.now()}@e2e.test`, password: 'buyer-password', name: 'Buyer' },
    '/api/v1/auth/register',
  );
  const products = (await (await request.get('/api/v1/products?q=mug')).json()) as { items: Product[] };
  const placed = await request.post('/api/v1/orders', {
    headers: { authorization: `Bearer ${customer}` },
    data: { items: [{ productId: products.items[0]!.id, quantity: 1 }] },
  });
  const order = (await placed.json()) as Order;

  await page.goto('/track');
  await page.getByLabel('Order number').fill(order.orderNumber.toLowerCase());
  await page.getByRole('button', { name: 'Track' }).click();
  await expect(page).toHaveURL(new RegExp(`/track/${order.orderNumber}$`));
  await expect(page.getByText('Status: Received')).toBeVisible();
  await expect(page.getByText('Live: updates appear here')).toBeVisible();

  const move = (status: string) =>
    request.patch(`/api/v1/orders/${order.id}/status`, {
      headers: { authorization: `Bearer ${admin}` },
      data: { status },
    });
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  await expect(page.getByText('A delivery date appears here once the order ships.')).toBeVisible();
  const progress = page.getByRole('list', { name: 'Progress' });
  await expect(progress.locator('[aria-current="step"]')).toContainText('Placed');

  for (const status of ['CONFIRMED', 'IN_PROGRESS', 'ON_HOLD']) expect((await move(status)).ok()).toBe(true);
  await expect(page.getByText('This order is on hold')).toBeVisible({ timeout: 2000 });
  // On hold, the bar stays on the step the order had reached.
  await expect(progress.locator('[aria-current="step"]')).toContainText('Preparing');
  await expectAccessible(page);
  expect((await move('IN_PROGRESS')).ok()).toBe(true);
  await expect(page.getByText('This order is on hold')).toBeHidden({ timeout: 2000 });

  const shipped = await request.patch(`/api/v1/orders/${order.id}`, {
    headers: { authorization: `Bearer ${admin}` },
    data: { carrier: 'UPS', trackingNumber: '1Z999AA10123456784', estimatedDelivery: '2030-01-15' },
  });
  expect(shipped.ok()).toBe(true);
  expect((await move('SHIPPED')).ok()).toBe(true);
  await expect(page.getByText('Status: Shipped')).toBeVisible({ timeout: 2000 });
  await expect(
    page.getByRole('status').filter({ hasText: `Order ${order.orderNumber} is now Shipped.` }),
  ).toBeAttached();
  await expect(progress.locator('[aria-current="step"]')).toContainText('Shipped');
  // The carrier, number and date arrive with the move, without a reload.
  await expect(page.getByRole('link', { name: /1Z999AA10123456784/ })).toHaveAttribute('href', /ups\.com/);
  await expect(page.getByText(/^On its way, arriving /)).toBeVisible();
  const history = page.getByRole('list', { name: 'Order history' }).getByRole('listitem');
  await expect(history).toHaveCount(3);
  await page.getByRole('button', { name: 'All updates (6)' }).click();
  await expect(history).toHaveCount(6);
  await screenshots(page, 'tracking');
  await expectAccessible(page);
});

test('an unknown order number says so', async ({ page }) => {
  await page.goto('/track/ZZZZZZZZZZ');
  await expect(page.getByRole('alert')).toHaveText(/No order has this number/);
});

test('a customer who signs up sees their orders, whose status updates live', async ({ page, request }) => {
  const email = `shopper-${Date.now()}@e2e.test`;
  await page.goto('/register');
  await page.getByLabel('Name').fill('Shopper');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('shopper-password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'My orders' })).toBeVisible();
  await expect(page.getByText('You have no orders yet.')).toBeVisible();

  const customer = await signIn(request, { email, password: 'shopper-password' });
  const products = (await (await request.get('/api/v1/products?q=tote')).json()) as { items: Product[] };
  const order = (await (
    await request.post('/api/v1/orders', {
      headers: { authorization: `Bearer ${customer}` },
      data: { items: [{ productId: products.items[0]!.id, quantity: 2 }] },
    })
  ).json()) as Order;
  const row = page.getByRole('row').filter({ hasText: `Order ${order.orderNumber}` });
  await expect(row).toBeVisible({ timeout: 2000 });
  await expect(row.getByText('Received')).toBeVisible();

  const admin = await signIn(request, E2E_ADMIN);
  await request.patch(`/api/v1/orders/${order.id}/status`, {
    headers: { authorization: `Bearer ${admin}` },
    data: { status: 'CONFIRMED' },
  });
  await expect(row.getByText('Confirmed')).toBeVisible({ timeout: 2000 });
  await expectAccessible(page);
  await screenshots(page, 'my-orders');

  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { name: `Order ${order.orderNumber}` })).toBeVisible();
  await request.patch(`/api/v1/orders/${order.id}/status`, {
    headers: { authorization: `Bearer ${admin}` },
    data: { status: 'IN_PROGRESS' },
  });
  await expect(page.getByText('Status: Being prepared')).toBeVisible({ timeout: 2000 });
  await expect(page.getByRole('list', { name: 'Order history' }).getByRole('listitem')).toHaveCount(3);

  // A reload keeps the session (refresh token), and signing out ends it.
  await page.reload();
  await expect(page.getByRole('heading', { name: `Order ${order.orderNumber}` })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.goto('/orders');
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();
});

test('a guest fills a cart, signs up keeping it, checks out; staff ship it and customer and tracker see it live', async ({
  page,
  browser,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Add Snapback cap to cart' }).click();
  await page.getByRole('button', { name: 'Add Dotted notebook A5 to cart' }).click();
  await page.getByRole('button', { name: 'Add Dotted notebook A5 to cart' }).click();
  await expect(page.getByRole('link', { name: 'Cart (3)' })).toBeVisible();
  await page.getByRole('link', { name: 'Cart (3)' }).click();
  await expectAccessible(page);
  await screenshots(page, 'cart');

  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Name').fill('Guest Shopper');
  await page.getByLabel('Email').fill(`guest-${Date.now()}@e2e.test`);
  await page.getByLabel('Password').fill('guest-password');
  await page.getByRole('button', { name: 'Create account' }).click();
  // Signing up from the cart leads straight on to checkout, with the guest's cart in the account.
  await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Cart (3)' })).toBeVisible();
  await expect(page.getByText('Dotted notebook A5 × 2')).toBeVisible();

  await page.getByLabel('Full name').fill('Guest Shopper');
  await page.getByLabel('Address', { exact: true }).fill('1 Market Street');
  await page.getByLabel('City').fill('Bristol');
  await page.getByLabel('Postal code').fill('BS1 1AA');
  await page.getByLabel('Country').selectOption('GB');
  await expectAccessible(page);
  await screenshots(page, 'checkout');
  await page.getByRole('button', { name: 'Place order' }).click();
  const heading = page.getByRole('heading', { name: /^Order [2-9A-HJ-NP-Z]{10}$/ });
  await expect(heading).toBeVisible();
  const orderNumber = ((await heading.textContent()) ?? '').replace('Order ', '');
  await expect(page.getByRole('link', { name: 'Cart (0)' })).toBeVisible();

  const tracker = await (await browser.newContext()).newPage();
  await tracker.goto(`/track/${orderNumber}`);
  await expect(tracker.getByText('Live: updates appear here')).toBeVisible();

  // Staff, in a browser of their own, find the order on the board and move it along.
  const staff = await (await browser.newContext()).newPage();
  await staff.goto('/login');
  await staff.getByLabel('Email').fill(E2E_ADMIN.email);
  await staff.getByLabel('Password').fill(E2E_ADMIN.password);
  await staff.getByRole('button', { name: 'Sign in' }).click();
  // An admin lands on the dashboard; the board is one link away.
  await expect(staff.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await staff.getByRole('link', { name: 'Order board' }).click();
  await expect(staff.getByRole('heading', { name: 'Order board' })).toBeVisible();
  await staff.getByLabel('Search orders').fill(orderNumber);
  await staff.getByRole('button', { name: 'Search' }).click();
  await staff.getByRole('link', { name: `Order ${orderNumber}` }).click();
  const moves = staff.getByRole('group', { name: 'Move the order' }).getByRole('button');
  // Only the transitions valid now are offered.
  await expect(moves).toHaveText(['Move to Confirmed', 'Put on hold…', 'Cancel order…']);
  await expectAccessible(staff);
  await screenshots(staff, 'staff-order');
  for (const next of ['Confirmed', 'Being prepared', 'Shipped']) {
    await staff.getByRole('button', { name: `Move to ${next}` }).click();
    await expect(staff.getByText(`Status: ${next}`)).toBeVisible();
  }
  await expect(moves).toHaveText(['Move to Delivered']);
  await staff.goto('/staff');
  await expect(staff.getByRole('heading', { name: /^Shipped \(\d+\)$/ })).toBeVisible();
  await expectAccessible(staff);
  await screenshots(staff, 'staff-board');

  await expect(page.getByText('Status: Shipped')).toBeVisible({ timeout: 2000 });
  await expect(tracker.getByText('Status: Shipped')).toBeVisible({ timeout: 2000 });

  // Notes: staff see both with their audience; the customer sees only theirs, live.
  await staff.goBack();
  const staffNotes = staff.getByRole('list', { name: 'Notes' });
  await staff.getByLabel('Note', { exact: true }).fill('Fragile: double boxed');
  await staff.getByRole('button', { name: 'Add note' }).click();
  await expect(staffNotes.getByRole('listitem').filter({ hasText: 'Fragile' })).toContainText('internal');
  await staff.getByLabel('Note', { exact: true }).fill('Packed with care, on its way');
  await staff.getByLabel('Internal (hidden from the customer)').uncheck();
  await staff.getByRole('button', { name: 'Add note' }).click();
  await expect(staffNotes.getByRole('listitem').filter({ hasText: 'Packed' })).toContainText(
    'to the customer',
  );
  const customerNotes = page.getByRole('list', { name: 'Notes' });
  await expect(customerNotes.getByText('Packed with care, on its way')).toBeVisible({ timeout: 2000 });
  await expect(page.getByText('Fragile: double boxed')).toHaveCount(0);
});

test('the admin dashboard charts the seeded month, and a product the admin creates appears in the catalog', async ({
  page,
}) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(E2E_ADMIN.email);
  await page.getByLabel('Password').fill(E2E_ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Admins land on the dashboard.
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  const ordersChart = page.getByRole('img', { name: /^Orders per day, last 30 days: \d+ in total\.$/ });
  await expect(ordersChart).toBeVisible();
  await expect(page.getByText(/^Revenue in USD, 30 days/)).toBeVisible();
  await expect(page.getByText(/vs the 30 days before$/).first()).toBeVisible();
  // The chart's numbers as a table: one row per UTC day, the last 30 days, today included.
  await page.getByRole('button', { name: 'View as table' }).click();
  await expect(page.getByRole('table', { name: /^Orders per day/ }).locator('tbody tr')).toHaveCount(30);
  await page.getByRole('button', { name: 'Revenue', exact: true }).click();
  await expect(page.getByRole('img', { name: /^Revenue in USD per day, last 30 days/ })).toBeVisible();
  // Statuses in workflow order, not alphabetical.
  const statuses = page.getByRole('region', { name: 'Orders by status' }).getByRole('listitem');
  await expect(statuses.first()).toContainText('Received');
  await expect(statuses.last()).toContainText('Cancelled');
  await page.getByLabel('Period').selectOption('7');
  await expect(page).toHaveURL(/days=7/);
  await expect(page.getByRole('img', { name: /^Revenue in USD per day, last 7 days/ })).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, 'admin-dashboard');

  const name = `Storm lantern ${Date.now()}`;
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Products' }).click();
  await page.getByLabel('SKU', { exact: true }).fill(`LANTERN-${Date.now()}`);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Price', { exact: true }).fill('24.50');
  await page.getByLabel('Initial stock').fill('7');
  await page.getByRole('button', { name: 'Create product' }).click();
  await expect(page.getByText(`Created ${name}.`)).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalog' }).click();
  await page.getByLabel('Search products').fill(name);
  await page.getByRole('button', { name: 'Search' }).click();
  const card = page.getByRole('listitem').filter({ hasText: name });
  await expect(card).toContainText('$24.50');
  await expect(card).toContainText('In stock');
});

test('a tracking page that loses its connection says so, and catches up on what it missed', async ({
  page,
  request,
  baseURL,
}) => {
  const admin = await signIn(request, E2E_ADMIN);
  const customer = await signIn(
    request,
    { email: `offline-${Date.now()}@e2e.test`, password: 'offline-password', name: 'Offline' },
    '/api/v1/auth/register',
  );
  const products = (await (await request.get('/api/v1/products?q=mug')).json()) as { items: Product[] };
  const order = (await (
    await request.post('/api/v1/orders', {
      headers: { authorization: `Bearer ${customer}` },
      data: { items: [{ productId: products.items[0]!.id, quantity: 1 }] },
    })
  ).json()) as Order;
  const link = await startFlakyLink(Number(new URL(baseURL!).port));
  try {
    await page.goto(`${link.url}/track/${order.orderNumber}`);
    await expect(page.getByText('Live: updates appear here')).toBeVisible();

    link.cut();
    await expect(page.getByText('Reconnecting…')).toBeVisible();
    const moved = await request.patch(`/api/v1/orders/${order.id}/status`, {
      headers: { authorization: `Bearer ${admin}` },
      data: { status: 'CONFIRMED' },
    });
    expect(moved.ok()).toBe(true);
    await expect(page.getByText('Status: Received')).toBeVisible();

    // Back online, the stream resumes from the last event it had and replays the move it missed.
    link.restore();
    await expect(page.getByText('Live: updates appear here')).toBeVisible({ timeout: 10_000 });
    await expect(page.getByText('Status: Confirmed')).toBeVisible();
    await expect(page.getByRole('list', { name: 'Order history' }).getByRole('listitem')).toHaveCount(2);
  } finally {
    await link.close();
  }
});
