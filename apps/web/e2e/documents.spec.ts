import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { E2E_ADMIN } from './servers.ts';
import {
  expectAccessible,
  newCustomer,
  newStaff,
  placeMugOrder,
  screenshots,
  signIn,
  signInWithForm,
} from './helpers.ts';

/** Clicks the button and answers the file it downloads. */
async function downloadBy(page: Page, name: string): Promise<Download> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name }).click(),
  ]);
  return download;
}

const bytesOf = async (download: Download) => readFile(await download.path());

test('staff print a packing slip and an invoice from the order page; the customer downloads the invoice', async ({
  page,
  request,
  browser,
}) => {
  const customer = await newCustomer(request, 'Printer');
  const order = await placeMugOrder(request, customer.token, {
    quantity: 2,
    shippingAddress: {
      name: 'Pat Printer',
      line1: '1 Paper Lane',
      city: 'Leeds',
      postalCode: 'LS1 1AA',
      country: 'GB',
    },
  });
  const staff = await newStaff(request, await signIn(request, E2E_ADMIN), 'Packer');

  await signInWithForm(page, staff.email, staff.password);
  await page.goto(`/staff/orders/${order.id}`);
  await expect(page.getByRole('heading', { name: `Order ${order.orderNumber}` })).toBeVisible();
  const slip = await downloadBy(page, 'Packing slip (PDF)');
  expect(slip.suggestedFilename()).toBe(`packing-slip-${order.orderNumber}.pdf`);
  const pdf = await bytesOf(slip);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(1000);
  await expect(page.getByText(`Downloaded packing-slip-${order.orderNumber}.pdf.`)).toBeVisible();
  const invoice = await downloadBy(page, 'Invoice (PDF)');
  expect(invoice.suggestedFilename()).toBe(`invoice-${order.orderNumber}.pdf`);
  await screenshots(page, 'documents-staff-order');

  const customerPage = await (await browser.newContext()).newPage();
  await signInWithForm(customerPage, customer.email, customer.password);
  await customerPage.goto(`/orders/${order.id}`);
  const own = await downloadBy(customerPage, 'Download invoice (PDF)');
  expect(own.suggestedFilename()).toBe(`invoice-${order.orderNumber}.pdf`);
  expect((await bytesOf(own)).subarray(0, 5).toString()).toBe('%PDF-');
  await expect(customerPage.getByText(`Downloaded invoice-${order.orderNumber}.pdf.`)).toBeVisible();
  // The customer's page has no packing slip.
  await expect(customerPage.getByRole('button', { name: 'Packing slip (PDF)' })).toHaveCount(0);
  await expectAccessible(customerPage);
});

test('admins export orders and products as CSV, import products with a dry run, and read stock history', async ({
  page,
}) => {
  await signInWithForm(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto('/admin/orders?status=PENDING');
  const orders = await downloadBy(page, 'Export CSV');
  expect(orders.suggestedFilename()).toMatch(/^orders-\d{4}-\d\d-\d\d\.csv$/);
  const ordersCsv = (await bytesOf(orders)).toString('utf8');
  expect(ordersCsv.startsWith('\ufefforderNumber,createdAt,status,')).toBe(true);
  // The list's filter went with it: every row is a pending order.
  for (const line of ordersCsv.trim().split('\n').slice(1)) expect(line.split(',')[2]).toBe('PENDING');

  await page.goto('/admin/products');
  const products = await downloadBy(page, 'Export CSV');
  const productsCsv = (await bytesOf(products)).toString('utf8');
  expect(productsCsv.startsWith('\ufeffsku,name,description,priceCents,')).toBe(true);

  await page.getByRole('button', { name: 'Import CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import products from CSV' });
  const sku = `E2E-IMP-${Date.now()}`;
  const file = (text: string) => ({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await dialog
    .getByLabel('CSV file')
    .setInputFiles(file(`sku,name,priceCents,stock\n${sku},Imported lamp,,5\n`));
  await dialog.getByRole('button', { name: 'Check file' }).click();
  await expect(dialog.getByText('1 error: nothing imported')).toBeVisible();
  await expect(dialog.getByRole('row', { name: /2 priceCents is required for a new product/ })).toBeVisible();
  await screenshots(page, 'documents-import-errors');

  await dialog
    .getByLabel('CSV file')
    .setInputFiles(file(`sku,name,priceCents,stock\n${sku},Imported lamp,2500,5\n`));
  await dialog.getByRole('button', { name: 'Check file' }).click();
  await expect(dialog.getByText('1 row checked: no errors')).toBeVisible();
  await dialog.getByRole('button', { name: 'Import 1 row' }).click();
  await expect(dialog.getByText('1 new, 0 updated, 0 unchanged; stock +5 / −0.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();

  await page.getByLabel('Search by name or SKU').fill(sku);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('button', { name: 'Edit Imported lamp' }).click();
  const editor = page.getByRole('dialog', { name: 'Edit Imported lamp' });
  const history = editor.getByRole('region', { name: 'Stock history' });
  await expect(history.getByRole('row', { name: /\+5 import/ })).toBeVisible();
  await screenshots(page, 'documents-stock-history');
});
