import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import type { Order } from '@igniflo/contract';
import { E2E_ADMIN } from './servers.ts';
import { newCustomer, placeMugOrder, screenshots, signIn, signInWithForm } from './helpers.ts';

/** A customer with `count` mug orders, the first `confirmed` of them already moved to Confirmed. */
async function customerWithOrders(request: APIRequestContext, name: string, count: number, confirmed = 0) {
  const customer = await newCustomer(request, name);
  const orders: Order[] = [];
  for (let i = 0; i < count; i++) orders.push(await placeMugOrder(request, customer.token));
  const admin = await signIn(request, E2E_ADMIN);
  for (const order of orders.slice(0, confirmed)) {
    const res = await request.patch(`/api/v1/orders/${order.id}/status`, {
      headers: { authorization: `Bearer ${admin}` },
      data: { status: 'CONFIRMED' },
    });
    expect(res.ok()).toBe(true);
  }
  return { ...customer, orders };
}

/** An admin adds a staff member through "Add user"; the staff member then signs in with the form. */
async function newStaffMember(page: Page): Promise<{ email: string; password: string }> {
  const email = `mover-${Date.now()}@e2e.test`;
  const password = 'mover-password-1';
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto('/admin/users');
  await page.getByRole('button', { name: 'Add user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add user' });
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByLabel('Name').fill('Morgan Mover');
  await dialog.getByLabel('Role').selectOption('STAFF');
  await dialog.getByLabel(/^Password/).fill(password);
  await dialog.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByText('Added Morgan Mover (staff); they can sign in now.')).toBeVisible();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Sign out' }).click();
  return { email, password };
}

test('staff find orders by customer email, order number and name on the order list, and see who the customer is', async ({
  page,
  request,
}) => {
  const customer = await customerWithOrders(request, 'Searchable', 2);
  const staff = await newStaffMember(page);
  await signInWithForm(page, staff.email, staff.password);
  await page.getByRole('link', { name: 'Order list' }).click();
  await expect(page.getByRole('heading', { name: 'Orders', level: 1 })).toBeVisible();

  const search = async (q: string) => {
    await page.getByLabel('Order, customer, email, SKU or tracking no.').fill(q);
    await page.getByRole('button', { name: 'Filter' }).click();
  };
  const rows = page.getByRole('table', { name: 'Orders, newest first' }).locator('tbody tr');
  await search(customer.email.toUpperCase());
  await expect(rows).toHaveCount(2);
  for (const order of customer.orders) {
    await expect(page.getByRole('link', { name: order.orderNumber })).toBeVisible();
  }
  // The customer as staff see them: name and email, on every row.
  await expect(rows.first()).toContainText(customer.email);
  await screenshots(page, 'staff-order-list-search');

  const [first] = customer.orders;
  await search(first!.orderNumber.toLowerCase());
  await expect(rows).toHaveCount(1);
  await page.getByRole('link', { name: first!.orderNumber }).click();
  const card = page.getByRole('region', { name: 'Customer' });
  await expect(card.getByRole('link', { name: customer.email })).toHaveAttribute(
    'href',
    `mailto:${customer.email}`,
  );
});

test('staff select orders on the list and move them at once; the summary says what did not move', async ({
  page,
  request,
}) => {
  // Three orders: the first already confirmed, so it cannot move to Confirmed again.
  const customer = await customerWithOrders(request, 'Bulky', 3, 1);
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/staff/list?q=${encodeURIComponent(customer.email)}`);
  for (const order of customer.orders) {
    await page.getByRole('checkbox', { name: `Select order ${order.orderNumber}` }).check();
  }
  await expect(page.getByText('3 of 3 selected')).toBeVisible();
  await page.getByRole('button', { name: 'Move 3 orders to…' }).click();
  await page.getByRole('menuitem', { name: 'Confirmed (2 of 3)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Move 3 orders to Confirmed' });
  await dialog.getByLabel('Note for the history (optional)').fill('Morning batch');
  await dialog.getByRole('button', { name: 'Move 3 orders' }).click();

  const summary = page.getByRole('dialog', { name: 'What moved' });
  await expect(summary.getByText('Moved 2 of 3 orders to Confirmed. 1 order did not move.')).toBeVisible();
  const [already] = customer.orders;
  await expect(summary.getByRole('listitem').filter({ hasText: already!.orderNumber })).toContainText(
    'cannot move from CONFIRMED',
  );
  await screenshots(page, 'staff-bulk-move-summary');
  await summary.getByRole('button', { name: 'Done' }).click();
  // What did not move stays selected; the others show their new status.
  await expect(page.getByText('1 of 3 selected')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: `Select order ${already!.orderNumber}` })).toBeChecked();
  const table = page.getByRole('table', { name: 'Orders, newest first' });
  await expect(table.getByText('Confirmed')).toHaveCount(3);
});

test('staff select a column on the board and move every card in it', async ({ page, request }) => {
  const customer = await customerWithOrders(request, 'Boardy', 2);
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto(`/staff?q=${encodeURIComponent(customer.email)}`);
  await expect(page.getByLabel('Search orders')).toHaveValue(customer.email);
  const received = page.getByRole('region', { name: /^Received/ });
  await expect(received.getByRole('listitem')).toHaveCount(2);
  await page.getByRole('checkbox', { name: 'Select all orders in Received' }).check();
  await expect(page.getByText('2 selected')).toBeVisible();
  await screenshots(page, 'staff-board-selection');
  await page.getByRole('button', { name: 'Move 2 orders to…' }).click();
  await page.getByRole('menuitem', { name: 'Confirmed (2 of 2)' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Move 2 orders' }).click();
  await expect(
    page.getByRole('dialog', { name: 'What moved' }).getByText('Moved 2 of 2 orders to Confirmed.'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('region', { name: /^Confirmed/ }).getByRole('listitem')).toHaveCount(2);
  await expect(received.getByRole('listitem')).toHaveCount(0);
});
