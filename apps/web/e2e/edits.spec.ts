import { expect, test } from './fixtures.ts';
import type { Order } from '@igniflo/contract';
import { E2E_ADMIN } from './servers.ts';
import { expectAccessible, newCustomer, placeMugOrder, screenshots, signInWithForm } from './helpers.ts';

test('staff edit an order’s items and price a custom request; the customer’s open page shows the quote live', async ({
  page,
  browser,
  request,
}) => {
  const { token, email, password } = await newCustomer(request, 'Quoted');
  const order = await placeMugOrder(request, token, { quantity: 1 });
  const placed = await request.post('/api/v1/orders', {
    headers: { authorization: `Bearer ${token}` },
    data: { title: 'A banner for the shop front', description: '3 × 1 m, our logo in red' },
  });
  expect(placed.ok()).toBe(true);
  const custom = (await placed.json()) as Order;

  // The customer watches their custom request, in a browser of their own.
  const customer = await (await browser.newContext()).newPage();
  await signInWithForm(customer, email, password);
  await customer.goto(`/orders/${custom.id}`);
  await expect(customer.getByText('The shop is pricing your request.', { exact: false })).toBeVisible();

  // Staff change the mug order: one more mug, and a cap found by its SKU.
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/staff/orders/${order.id}`);
  await page.getByRole('button', { name: 'Edit items' }).click();
  const editor = page.getByRole('dialog', { name: 'Edit items' });
  await editor.getByRole('button', { name: 'One more Enamel camp mug' }).click();
  await editor.getByLabel('Add a product').fill('CAP-SNAP');
  await editor.getByRole('button', { name: 'Add Snapback cap' }).click();
  await expect(editor.getByLabel('Quantity of Snapback cap')).toHaveValue('1');
  await editor
    .getByLabel('Note to the customer (optional)')
    .fill('A cap to go with your mugs, as you asked.');
  await expect(editor.getByText('New total $50.00')).toBeVisible();
  await screenshots(page, 'staff-edit-items');
  await editor.getByRole('button', { name: 'Save items' }).click();
  await expect(editor).toBeHidden();
  const items = page.getByRole('table', { name: `Items in order ${order.orderNumber}` });
  await expect(items.getByRole('row', { name: /Snapback cap/ })).toBeVisible();
  await expect(items.getByRole('row', { name: /Total \$50\.00/ })).toBeVisible();
  await expect(
    page.getByText('Items changed: 1 × Enamel camp mug → 2 × Enamel camp mug; added 1 × Snapback cap.', {
      exact: false,
    }),
  ).toBeVisible();

  // Then they price the custom request with two custom lines.
  await page.goto(`/staff/orders/${custom.id}`);
  await expect(page.getByText('3 × 1 m, our logo in red')).toBeVisible();
  await page.getByRole('button', { name: 'Price this request' }).click();
  const quote = page.getByRole('dialog', { name: 'Price this request' });
  const banner = quote.getByRole('group', { name: 'Custom line 1' });
  await banner.getByLabel('Name').fill('Printed PVC banner, 3 × 1 m');
  await banner.getByLabel('Unit price (USD)').fill('120');
  await quote.getByRole('button', { name: 'Add a custom line' }).click();
  const fitting = quote.getByRole('group', { name: 'Custom line 2' });
  await fitting.getByLabel('Name').fill('Fitting on site');
  await fitting.getByLabel('Unit price (USD)').fill('45.50');
  await expect(quote.getByText('New total $165.50')).toBeVisible();
  await quote.getByRole('button', { name: 'Send the quote' }).click();
  await expect(quote).toBeHidden();
  await expect(page.getByText('Quote sent to the customer')).toBeVisible();

  // The customer's page shows the quote without a reload, and they are told.
  await expect(customer.getByText('Your quote is ready')).toBeVisible();
  const lines = customer.getByRole('table', { name: `Items in order ${custom.orderNumber}` });
  await expect(lines.getByRole('row', { name: /Fitting on site/ })).toBeVisible();
  await expect(lines.getByRole('row', { name: /Total \$165\.50/ })).toBeVisible();
  await screenshots(customer, 'customer-quote-ready');

  // Staff take the payment and move it on as usual.
  await page.getByRole('button', { name: 'Mark as paid' }).click();
  await expect(page.getByText('Payment received.')).toBeVisible();
  await expectAccessible(page);
  await customer.context().close();
});
