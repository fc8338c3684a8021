import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import type { Order, Product, Session, User } from '@igniflo/contract';
import sharp from 'sharp';
import { E2E_ADMIN } from './servers.ts';
import { expectAccessible, screenshots, signIn, signInWithForm, WIDTHS } from './helpers.ts';
import { startReceiver } from './receiver.ts';

async function placeOrder(request: APIRequestContext) {
  const customer = await signIn(
    request,
    { email: `order-${Date.now()}@e2e.test`, password: 'order-password', name: 'Orderer' },
    '/api/v1/auth/register',
  );
  const products = (await (await request.get('/api/v1/products?q=notebook')).json()) as { items: Product[] };
  const placed = await request.post('/api/v1/orders', {
    headers: { authorization: `Bearer ${customer}` },
    data: { items: [{ productId: products.items[0]!.id, quantity: 1 }] },
  });
  expect(placed.status()).toBe(201);
  return (await placed.json()) as Order;
}

test('staff assign an order to themselves and upload a photo, with a progress bar; admins reassign', async ({
  page,
  request,
  browser,
}) => {
  const order = await placeOrder(request);
  const admin = await signIn(request, E2E_ADMIN);
  const staffEmail = `staff-${Date.now()}@e2e.test`;
  const registered = await request.post('/api/v1/auth/register', {
    data: { email: staffEmail, password: 'staff-password', name: 'Sam Staff' },
  });
  const staffId = ((await registered.json()) as Session).user.id;
  const promoted = await request.patch(`/api/v1/admin/users/${staffId}`, {
    headers: { authorization: `Bearer ${admin}` },
    data: { role: 'STAFF' },
  });
  expect(promoted.ok()).toBe(true);

  await signInWithForm(page, staffEmail, 'staff-password');
  await page.goto(`/staff/orders/${order.id}`);
  await expect(page.getByText('Nobody is assigned.')).toBeVisible();
  await page.getByRole('button', { name: 'Assign to me' }).click();
  await expect(page.getByText('Assigned to you.')).toBeVisible();

  // A photo of a few hundred kilobytes over a throttled uplink, so the progress bar has time to show.
  const photo = await sharp({
    create: {
      width: 400,
      height: 400,
      channels: 3,
      background: '#888',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .png()
    .toBuffer();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 200 * 1024,
  });
  await page
    .getByLabel(/^File/)
    .setInputFiles({ name: 'packed-box.png', mimeType: 'image/png', buffer: photo });
  await page.getByRole('button', { name: 'Upload' }).click();
  const bar = page.getByRole('progressbar', { name: 'Uploading' });
  await expect(bar).toBeVisible();
  await expect(page.getByText('Uploaded packed-box.png.')).toBeVisible({ timeout: 20_000 });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  await expect(bar).toHaveCount(0);
  await expect(page.getByRole('img', { name: 'packed-box.png' })).toBeVisible();
  await expectAccessible(page);

  // An admin sees who it is and can hand the order to anyone on the team, or to nobody.
  const adminPage = await (await browser.newContext()).newPage();
  await signInWithForm(adminPage, E2E_ADMIN.email, E2E_ADMIN.password);
  await adminPage.goto(`/staff/orders/${order.id}`);
  const assignee = adminPage.getByLabel('Assigned to');
  await expect(assignee.locator('option:checked')).toHaveText('Sam Staff (staff)');
  await assignee.selectOption({ label: 'Nobody' });
  await expect(page.getByText('Nobody is assigned.')).toBeVisible({ timeout: 3000 });
});

test('the dashboard shows dollars and euros each on their own, never added together', async ({
  page,
  request,
}) => {
  const admin = await signIn(request, E2E_ADMIN);
  const sku = `EURO-${Date.now()}`;
  const created = await request.post('/api/v1/products', {
    headers: { authorization: `Bearer ${admin}` },
    data: { sku, name: 'Euro lantern', priceCents: 12345, currency: 'EUR', stock: 10 },
  });
  expect(created.status()).toBe(201);
  const customer = await signIn(
    request,
    { email: `euro-${Date.now()}@e2e.test`, password: 'euro-password', name: 'Euro Buyer' },
    '/api/v1/auth/register',
  );
  const placed = await request.post('/api/v1/orders', {
    headers: { authorization: `Bearer ${customer}` },
    data: { items: [{ productId: ((await created.json()) as Product).id, quantity: 2 }] },
  });
  expect(placed.status()).toBe(201);
  await placeOrder(request);

  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto('/admin');
  const tile = (label: string) => page.getByText(label, { exact: true }).locator('..').locator('dd').first();
  const currency = page.getByLabel('Currency');
  await expect(currency.locator('option')).toHaveText(['USD', 'EUR']);
  // Dollars first (the seeded orders), in dollars only.
  await expect(tile('Revenue in USD, 30 days')).toHaveText(/^\$[\d,]+\.\d\d$/);
  await expect(page.getByText(/Orders come in USD, EUR/)).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, 'admin-dashboard-usd');

  // Euros on their own: exactly the two lanterns, and the chart says so too.
  await currency.selectOption('EUR');
  await expect(page).toHaveURL(/currency=EUR/);
  await expect(tile('Revenue in EUR, 30 days')).toHaveText('€246.90');
  await expect(tile('Average order value in EUR')).toHaveText('€246.90');
  await page.getByRole('group', { name: 'Measure' }).getByRole('button', { name: 'Revenue' }).click();
  await expect(page.getByRole('heading', { name: 'Revenue in EUR per day' })).toBeVisible();
  await expect(page.getByText('Revenue in EUR per day, last 30 days: €246.90 in total.')).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, 'admin-dashboard-eur');
  await page.reload();
  await expect(currency).toHaveValue('EUR');
});

test('the admin edits a product, moves its stock and archives it', async ({ page, request }) => {
  const admin = await signIn(request, E2E_ADMIN);
  const sku = `KETTLE-${Date.now()}`;
  const created = await request.post('/api/v1/products', {
    headers: { authorization: `Bearer ${admin}` },
    data: { sku, name: 'Camp kettle', priceCents: 2500, stock: 10 },
  });
  expect(created.status()).toBe(201);

  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto('/admin/products');
  await page.getByLabel('Search by name or SKU').fill(sku);
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.getByRole('row').filter({ hasText: sku });
  await row.getByRole('button', { name: 'Edit Camp kettle' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Camp kettle' });
  await dialog.getByLabel('Price').fill('30.00');
  await dialog.getByRole('button', { name: 'Save product' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Saved.');
  await dialog.getByLabel(/^Stock change/).fill('5');
  await dialog.getByLabel('Reason').fill('Delivery from supplier');
  await dialog.getByRole('button', { name: 'Adjust stock' }).click();
  await expect(dialog).toContainText('15 in stock now.');
  await dialog.getByLabel(/^Stock change/).fill('-20');
  await dialog.getByLabel('Reason').fill('Too many');
  await dialog.getByRole('button', { name: 'Adjust stock' }).click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  await expect(dialog).toContainText('15 in stock now.');
  await expectAccessible(page);
  await screenshots(page, 'admin-product-edit');
  await dialog.getByRole('button', { name: 'Archive' }).click();
  await expect(dialog.getByRole('button', { name: 'Restore' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(row.getByRole('cell', { name: '$30.00' })).toBeVisible();
  await expect(row.getByRole('cell', { name: '15', exact: true })).toBeVisible();
  await expect(row).toContainText('Archived');
  const catalog = (await (await request.get(`/api/v1/products?q=${sku}`)).json()) as { items: Product[] };
  expect(catalog.items).toEqual([]);
});

test('the admin archives selected products in bulk; the table sorts, hides columns and fits a phone', async ({
  page,
  request,
}) => {
  const admin = await signIn(request, E2E_ADMIN);
  const stamp = Date.now();
  for (const [sku, name, priceCents] of [
    [`BULK-A-${stamp}`, `Bulk tent ${stamp}`, 9900],
    [`BULK-B-${stamp}`, `Bulk stove ${stamp}`, 4500],
  ] as const) {
    const created = await request.post('/api/v1/products', {
      headers: { authorization: `Bearer ${admin}` },
      data: { sku, name, priceCents, stock: 3 },
    });
    expect(created.status()).toBe(201);
  }

  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/admin/products?q=BULK-&sort=priceCents&dir=asc`);
  // Search and sort come from the address: cheapest first.
  await expect(page.getByLabel('Search by name or SKU')).toHaveValue('BULK-');
  const rows = page.getByRole('row').filter({ hasText: String(stamp) });
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText(`Bulk stove ${stamp}`);
  await page.getByRole('button', { name: 'Price' }).click();
  await expect(page.getByRole('columnheader', { name: 'Price' })).toHaveAttribute('aria-sort', 'descending');
  await expect(rows.first()).toContainText(`Bulk tent ${stamp}`);
  await expect(page).toHaveURL(/sort=priceCents&dir=desc/);

  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('menuitemcheckbox', { name: 'SKU' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('columnheader', { name: 'SKU' })).toHaveCount(0);

  await page.getByRole('checkbox', { name: `Select Bulk tent ${stamp}` }).check();
  await page.getByRole('checkbox', { name: `Select Bulk stove ${stamp}` }).check();
  await expect(page.getByText(/^2 of \d+ selected$/)).toBeVisible();
  await expectAccessible(page);
  await screenshots(page, 'admin-products');
  await page.getByRole('button', { name: 'Archive selected' }).click();
  await expect(page.getByText('Archived 2 products.')).toBeVisible();
  await expect(rows.filter({ hasText: 'Archived' })).toHaveCount(2);
  const catalog = (await (await request.get(`/api/v1/products?q=${stamp}`)).json()) as { items: Product[] };
  expect(catalog.items).toEqual([]);

  // On a phone each row is a card: nothing scrolls sideways, nothing is cut off.
  await page.setViewportSize(WIDTHS.phone);
  await page.reload();
  await expect(rows.first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    WIDTHS.phone.width,
  );
  const card = await rows.first().boundingBox();
  expect(card!.x).toBeGreaterThanOrEqual(0);
  expect(card!.x + card!.width).toBeLessThanOrEqual(WIDTHS.phone.width);
  await expectAccessible(page);
});

test('the admin changes a role, filters all orders, follows webhook deliveries and reads the audit log', async ({
  page,
  request,
}) => {
  // Five admin pages, each checked with axe, a webhook round trip and a reload: 50–56 s with two
  // workers on two cores, too close to the default 60 s.
  test.setTimeout(120_000);
  const email = `promote-${Date.now()}@e2e.test`;
  const person = await signIn(
    request,
    { email, password: 'promote-password', name: 'To Promote' },
    '/api/v1/auth/register',
  );
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto('/admin/users');
  await page.getByLabel('Name, email or phone').fill(email);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByLabel('Role of To Promote').selectOption('STAFF');
  // A role change ends the person's sessions (SPEC §10): the old token stops working, a new sign-in is STAFF.
  await expect
    .poll(async () => {
      const me = await request.get('/api/v1/users/me', { headers: { authorization: `Bearer ${person}` } });
      return me.status();
    })
    .toBe(401);
  const again = await signIn(request, { email, password: 'promote-password' });
  const me = await request.get('/api/v1/users/me', { headers: { authorization: `Bearer ${again}` } });
  expect(((await me.json()) as User).role).toBe('STAFF');
  await expectAccessible(page);
  await screenshots(page, 'admin-users');

  const hooks = await startReceiver(0);
  try {
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Webhooks' }).click();
    const hookUrl = `http://127.0.0.1:${hooks.port}/hook-${Date.now()}`;
    await page.getByLabel('URL').fill(hookUrl);
    await page.getByLabel('Description').fill('Warehouse');
    await page.getByRole('checkbox', { name: 'created', exact: true }).check();
    await page.getByRole('button', { name: 'Create webhook' }).click();
    // The signing secret is shown once, with a copy button, and never again.
    const created = page.getByRole('region', { name: `Signing secret for ${hookUrl}` });
    await expect(created).toContainText('it will not be shown again');
    const secret = await created.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await created.getByRole('button', { name: 'Copy secret' }).click();
    await expect(created.getByRole('status')).toHaveText('Copied.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await expectAccessible(page);
    await screenshots(page, 'admin-webhook-secret');
    await created.getByRole('button', { name: 'I have stored it' }).click();
    await expect(created).toHaveCount(0);
    const endpoint = page.getByRole('row').filter({ hasText: hookUrl });
    await expect(endpoint).toContainText('Active');
    await page.reload();
    await expect(endpoint).toContainText('Active');
    expect(await page.content()).not.toContain(secret);

    // Rotating asks first; cancelled, nothing changes.
    page.once('dialog', (dialog) => void dialog.dismiss());
    await endpoint.getByRole('button', { name: 'Rotate secret' }).click();
    const rotated = page.getByRole('region', { name: `Signing secret for ${hookUrl}` });
    await expect(rotated).toHaveCount(0);
    page.once('dialog', (dialog) => void dialog.accept());
    await endpoint.getByRole('button', { name: 'Rotate secret' }).click();
    await expect(rotated).toContainText('it will not be shown again');
    const newSecret = await rotated.getByLabel('Signing secret').inputValue();
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(secret);
    await rotated.getByRole('button', { name: 'I have stored it' }).click();
    await expect(rotated).toHaveCount(0);

    const order = await placeOrder(request);
    await expect
      .poll(() => hooks.bodies.some((b) => (b as Order).orderNumber === order.orderNumber))
      .toBe(true);
    await endpoint.getByRole('button', { name: 'Deliveries' }).click();
    const deliveries = page.getByRole('table', { name: 'Deliveries, newest first' });
    await expect(deliveries.getByRole('cell', { name: 'delivered (200)' }).first()).toBeVisible();
    await expectAccessible(page);
    await screenshots(page, 'admin-webhooks');
    await endpoint.getByRole('button', { name: 'Pause' }).click();
    await expect(endpoint).toContainText('Paused');

    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Orders' }).click();
    await page.getByLabel('Order, customer, email, SKU or tracking no.').fill(order.orderNumber);
    await page.getByLabel('Status').selectOption('PENDING');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.getByRole('row')).toHaveCount(2);
    await expect(page.getByRole('link', { name: order.orderNumber })).toBeVisible();
    await page.getByLabel('Status').selectOption('SHIPPED');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.getByText('No orders match these filters.')).toBeVisible();
    // The filters live in the address: Back shows the previous list, and a reload keeps it.
    await page.goBack();
    await expect(page.getByLabel('Status')).toHaveValue('PENDING');
    await page.reload();
    await expect(page.getByLabel('Order, customer, email, SKU or tracking no.')).toHaveValue(
      order.orderNumber,
    );
    await expect(page.getByRole('link', { name: order.orderNumber })).toBeVisible();
    await expectAccessible(page);
    await screenshots(page, 'admin-orders');
    await page.setViewportSize(WIDTHS.phone);
    const card = await page.getByRole('row').filter({ hasText: order.orderNumber }).boundingBox();
    expect(card!.x + card!.width).toBeLessThanOrEqual(WIDTHS.phone.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      WIDTHS.phone.width,
    );
    await expectAccessible(page);
    await page.setViewportSize(WIDTHS.desktop);
  } finally {
    await hooks.close();
  }

  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('cell', { name: 'user.update' }).first()).toBeVisible();
  // Entries name what they are about: the promoted user by name, not an id.
  await expect(page.getByRole('cell', { name: 'user To Promote', exact: true }).first()).toBeVisible();
  await page.getByLabel('Kind').selectOption('webhook');
  await expect(page.getByRole('cell', { name: 'webhook.create' }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: 'user.update' })).toHaveCount(0);
  await expectAccessible(page);
  await screenshots(page, 'admin-audit');
});

test('the staff board announces a new order live, shows it on request, and follows its moves', async ({
  page,
  request,
}) => {
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto('/staff');
  await expect(page.getByRole('heading', { name: /^Received \(\d+\)$/ })).toBeVisible();
  const order = await placeOrder(request);
  const received = page.getByRole('region', { name: /^Received/ });
  // A new card waits behind a button rather than appearing under someone's pointer.
  await expect(page.getByRole('status').filter({ hasText: '1 new order waiting' })).toBeAttached({
    timeout: 3000,
  });
  await expect(received.getByRole('link', { name: `Order ${order.orderNumber}` })).toHaveCount(0);
  await page.getByRole('button', { name: 'Show 1 new order' }).click();
  await expect(received.getByRole('link', { name: `Order ${order.orderNumber}` })).toBeVisible();
  await expect(page.getByRole('button', { name: /new order/ })).toHaveCount(0);

  const admin = await signIn(request, E2E_ADMIN);
  const moved = await request.patch(`/api/v1/orders/${order.id}/status`, {
    headers: { authorization: `Bearer ${admin}` },
    data: { status: 'CONFIRMED' },
  });
  expect(moved.ok()).toBe(true);
  const confirmed = page.getByRole('region', { name: /^Confirmed/ });
  await expect(confirmed.getByRole('link', { name: `Order ${order.orderNumber}` })).toBeVisible({
    timeout: 3000,
  });
  await expect(received.getByRole('link', { name: `Order ${order.orderNumber}` })).toHaveCount(0);

  // Finished orders are one link away, as a single column.
  await page
    .getByRole('navigation', { name: 'Finished orders' })
    .getByRole('link', { name: 'Cancelled' })
    .click();
  await expect(page.getByRole('heading', { name: /^Cancelled \(\d+\)$/ })).toBeVisible();
  await expect(page.getByLabel('Status')).toHaveValue('CANCELLED');
});
