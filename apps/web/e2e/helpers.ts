import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { Order, PlaceOrderBody, Product, Session } from '@igniflo/contract';

/** apps/web/e2e/screenshots, whatever folder the tests were started from. */
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots', import.meta.url));
export const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

/**
 * The page at rest, as a signature of its toasts, or false while anything moves: colours read
 * halfway through a fade (a toast coming in or leaving) are not the colours anyone reads. A toast
 * mounts, then starts its transition; one being removed fades out: wait for neither.
 */
function stillPage(): string | false {
  const toasts = [...document.querySelectorAll('[data-sonner-toast]')];
  const settled =
    toasts.every(
      (t) => t.getAttribute('data-mounted') === 'true' && t.getAttribute('data-removed') !== 'true',
    ) &&
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity);
  return settled && `${toasts.length}:${toasts.map((t) => t.textContent ?? '').join('|')}`;
}

export async function expectAccessible(page: Page) {
  for (let attempt = 1; ; attempt++) {
    const before = await (await page.waitForFunction(stillPage)).jsonValue();
    const results = await new AxeBuilder({ page }).analyze();
    // A toast that began to leave (or arrived) while axe read the page was read mid-fade: read again.
    if ((await page.evaluate(stillPage)) !== before && attempt < 3) continue;
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      serious.map(
        (v) =>
          `${v.id}: ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('; ')}`,
      ),
    ).toEqual([]);
    return;
  }
}

/**
 * Full-page screenshots at both widths, for review by eye, each width checked with axe as well (a
 * phone layout has its own ways to fail: clipped text, overlapping controls). The test goes on at
 * its own width.
 */
export async function screenshots(page: Page, name: string) {
  const before = page.viewportSize();
  for (const [label, size] of Object.entries(WIDTHS)) {
    await page.setViewportSize(size);
    await expectAccessible(page);
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${label}.png`, fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}

export async function signIn(request: APIRequestContext, body: object, path = '/api/v1/auth/login') {
  const res = await request.post(path, { data: body });
  expect(res.ok()).toBe(true);
  return ((await res.json()) as Session).accessToken;
}

/** Signs in through the form, as a person would. */
export async function signInWithForm(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** A new customer account, through the API; answers its access token. */
export function newCustomer(request: APIRequestContext, name: string) {
  const email = `${name.toLowerCase()}-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@e2e.test`;
  return signIn(request, { email, password: `${name}-password`, name }, '/api/v1/auth/register').then(
    (token) => ({ token, email, password: `${name}-password` }),
  );
}

/** A seeded mug, ordered through the API by the customer with this token. */
export async function placeMugOrder(
  request: APIRequestContext,
  token: string,
  { quantity = 1, ...rest }: Omit<PlaceOrderBody, 'items'> & { quantity?: number } = {},
) {
  const products = (await (await request.get('/api/v1/products?q=mug')).json()) as { items: Product[] };
  const res = await request.post('/api/v1/orders', {
    headers: { authorization: `Bearer ${token}` },
    data: { items: [{ productId: products.items[0]!.id, quantity }], ...rest },
  });
  expect(res.ok()).toBe(true);
  return (await res.json()) as Order;
}

/** A new staff account: registered, then promoted by the admin with this token. */
export async function newStaff(request: APIRequestContext, adminToken: string, name: string) {
  const email = `${name.toLowerCase()}-${Date.now()}@e2e.test`;
  const password = `${name.toLowerCase()}-password`;
  const registered = await request.post('/api/v1/auth/register', { data: { email, password, name } });
  const id = ((await registered.json()) as Session).user.id;
  const promoted = await request.patch(`/api/v1/admin/users/${id}`, {
    headers: { authorization: `Bearer ${adminToken}` },
    data: { role: 'STAFF' },
  });
  expect(promoted.ok()).toBe(true);
  return { id, email, password };
}
