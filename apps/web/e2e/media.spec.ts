import { expect, test } from './fixtures.ts';
import type { Session } from '@igniflo/contract';
import sharp from 'sharp';
import { E2E_ADMIN } from './servers.ts';
import {
  expectAccessible,
  newCustomer,
  placeMugOrder,
  screenshots,
  signIn,
  signInWithForm,
} from './helpers.ts';

test('staff upload a photo, the customer sees its preview once delivered, and the uploader deletes it', async ({
  page,
  browser,
  request,
}) => {
  const admin = { authorization: `Bearer ${await signIn(request, E2E_ADMIN)}` };
  const staffEmail = `photographer-${Date.now()}@e2e.test`;
  const registered = await request.post('/api/v1/auth/register', {
    data: { email: staffEmail, password: 'staff-password', name: 'Pat Photographer' },
  });
  const staffId = ((await registered.json()) as Session).user.id;
  expect(
    (await request.patch(`/api/v1/admin/users/${staffId}`, { headers: admin, data: { role: 'STAFF' } })).ok(),
  ).toBe(true);
  const customer = await newCustomer(request, 'Viewer');
  const order = await placeMugOrder(request, customer.token);

  // The customer's page says when the shop's photos will show, and shows none yet.
  const customerPage = await (await browser.newContext()).newPage();
  await signInWithForm(customerPage, customer.email, customer.password);
  await customerPage.goto(`/orders/${order.id}`);
  await expect(
    customerPage.getByText('Photos the shop takes of your order show here once it is delivered.'),
  ).toBeVisible();
  await expect(customerPage.getByText('No files yet.')).toBeVisible();

  const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#2a9d8f' } })
    .jpeg()
    .toBuffer();
  await signInWithForm(page, staffEmail, 'staff-password');
  await page.goto(`/staff/orders/${order.id}`);
  await page
    .getByLabel(/^File/)
    .setInputFiles({ name: 'packed-mug.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByText('Uploaded packed-mug.jpg.')).toBeVisible();
  await expect(page.getByRole('img', { name: 'packed-mug.jpg' })).toBeVisible();

  for (const status of ['CONFIRMED', 'IN_PROGRESS', 'SHIPPED']) {
    const moved = await request.patch(`/api/v1/orders/${order.id}/status`, {
      headers: admin,
      data: { status },
    });
    expect(moved.ok()).toBe(true);
  }
  // Shipped is not delivered: still nothing for the customer.
  await expect(customerPage.getByRole('status').filter({ hasText: 'is now Shipped' })).toBeAttached();
  await expect(customerPage.getByRole('img', { name: 'packed-mug.jpg' })).toHaveCount(0);
  const delivered = await request.patch(`/api/v1/orders/${order.id}/status`, {
    headers: admin,
    data: { status: 'DELIVERED' },
  });
  expect(delivered.ok()).toBe(true);

  // Delivered: the photo's preview appears on the customer's page without a reload, as a real picture.
  const preview = customerPage.getByRole('img', { name: 'packed-mug.jpg' });
  await expect(preview).toBeVisible({ timeout: 5000 });
  await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  // The preview is the server's small thumbnail, not the 800-pixel original.
  expect(await preview.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeLessThanOrEqual(320);
  const files = customerPage.getByRole('region', { name: 'Photos and files' });
  await expect(files.getByText(/^From the shop ·/)).toBeVisible();
  // Not theirs to delete.
  await expect(files.getByRole('button', { name: 'Delete packed-mug.jpg' })).toHaveCount(0);
  await expectAccessible(customerPage);
  await screenshots(customerPage, 'order-shop-photo');
  // The preview opens the whole picture.
  await files.getByRole('button', { name: 'View packed-mug.jpg' }).click();
  const viewer = customerPage.getByRole('dialog', { name: 'packed-mug.jpg' });
  const full = viewer.getByRole('img', { name: 'packed-mug.jpg' });
  await expect.poll(() => full.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(800);
  await expectAccessible(customerPage);
  await viewer.getByRole('button', { name: 'Close' }).click();
  await expect(viewer).toHaveCount(0);

  // The uploader deletes it, after saying so in a dialog; keeping it first changes nothing.
  await page.getByRole('button', { name: 'Delete packed-mug.jpg' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete packed-mug.jpg?' });
  await expect(confirm).toBeVisible();
  await expectAccessible(page);
  await confirm.getByRole('button', { name: 'Keep the file' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole('img', { name: 'packed-mug.jpg' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete packed-mug.jpg' }).click();
  await confirm.getByRole('button', { name: 'Delete file' }).click();
  await expect(page.getByText('Deleted packed-mug.jpg.')).toBeVisible();
  await expect(page.getByRole('img', { name: 'packed-mug.jpg' })).toHaveCount(0);
  await customerPage.reload();
  await expect(customerPage.getByText('No files yet.')).toBeVisible();
});
