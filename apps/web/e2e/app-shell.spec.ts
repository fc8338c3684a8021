import { expect, test } from './fixtures.ts';
import { expectAccessible, WIDTHS } from './helpers.ts';

test('the catalog loads at most 350 KB of script, split by route, and served compressed', async ({
  page,
}) => {
  const scripts: { url: string; bytes: number; encoding: string | undefined }[] = [];
  page.on('response', async (response) => {
    if (response.request().resourceType() !== 'script') return;
    const body = await response.body();
    scripts.push({
      url: response.url(),
      bytes: body.length,
      encoding: response.headers()['content-encoding'],
    });
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Catalog' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const total = scripts.reduce((sum, s) => sum + s.bytes, 0);
  expect(total, scripts.map((s) => `${s.url} ${s.bytes}`).join('\n')).toBeLessThanOrEqual(350 * 1024);
  // The admin's pages are not part of it.
  expect(scripts.some((s) => /dashboard-page|webhooks-page/.test(s.url))).toBe(false);
  for (const s of scripts) expect(s.encoding, s.url).toMatch(/^(br|gzip)$/);
});

test('each page names the tab and takes the focus on its heading after a navigation', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle('Catalog · Igniflo');
  await page.getByRole('link', { name: 'Track an order' }).click();
  const heading = page.getByRole('heading', { level: 1, name: 'Track an order' });
  await expect(heading).toBeFocused();
  await expect(page).toHaveTitle('Track an order · Igniflo');
});

test('an unknown address says so with a heading and ways onward', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page).toHaveTitle('Page not found · Igniflo');
  await page.getByRole('main').getByRole('link', { name: 'Browse the catalog' }).click();
  await expect(page.getByRole('heading', { name: 'Catalog' })).toBeFocused();
  await expectAccessible(page);
});

test('on a phone the header stays one row, and its links open from a menu button', async ({ page }) => {
  await page.setViewportSize(WIDTHS.phone);
  await page.goto('/');
  const header = page.getByRole('banner');
  expect((await header.boundingBox())!.height).toBeLessThanOrEqual(64);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toBeHidden();
  await page.getByRole('button', { name: 'Menu' }).click();
  await nav.getByRole('link', { name: 'Track an order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Track an order' })).toBeFocused();
  await expect(nav).toBeHidden();
  await expectAccessible(page);
});

test('the dark theme passes contrast, and the choice is kept', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: /^Theme: as the system/ }).click();
  await page.getByRole('button', { name: /^Theme: light/ }).click();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await expect(page.getByRole('heading', { name: 'Catalog' })).toBeVisible();
  await expectAccessible(page);
});
