import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import type { Session } from '@igniflo/contract';
import { expectAccessible, signIn, signInWithForm } from './helpers.ts';

const JWT = /eyJ[\w-]+\.[\w-]+/;

/** A fresh customer account, made through the API. */
async function newCustomer(request: Parameters<typeof signIn>[0], name: string) {
  const account = {
    email: `${name.toLowerCase()}-${Date.now()}@e2e.test`,
    password: `${name}-password`,
    name,
  };
  await signIn(request, account, '/api/v1/auth/register');
  return account;
}

/** Everything the page's scripts can read that could hold a token. */
const readable = (page: Page) =>
  page.evaluate(() => ({
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
    cookie: document.cookie,
    url: location.href,
  }));

const refreshCookie = async (context: BrowserContext) =>
  (await context.cookies()).find((cookie) => cookie.name === 'igniflo_refresh');

/** The session the page restores from its cookie on the next load. */
const restored = (page: Page) =>
  page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/refresh') && r.request().method() === 'POST');

test('a reload restores the session from an HttpOnly cookie, and no script-readable place holds a token', async ({
  page,
  context,
  request,
}) => {
  const account = await newCustomer(request, 'Reloader');
  // A refresh token an earlier version of the app left in localStorage is dropped on load.
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('igniflo.refreshToken', 'left-by-an-old-version'));
  await page.reload();
  await expect.poll(() => page.evaluate(() => localStorage.getItem('igniflo.refreshToken'))).toBeNull();
  const login = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
  await signInWithForm(page, account.email, account.password);
  const answer = await login;
  expect(answer.request().postDataJSON()).toMatchObject({ mode: 'cookie' });
  expect(await answer.json()).not.toHaveProperty('refreshToken');
  await expect(page.getByRole('link', { name: 'Reloader' })).toBeVisible();

  const cookie = await refreshCookie(context);
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
  const signedIn = await readable(page);
  for (const place of Object.values(signedIn)) {
    expect(place).not.toMatch(JWT);
    expect(place).not.toContain(cookie!.value);
  }
  expect(signedIn.cookie).not.toContain('igniflo_refresh');

  const restoring = restored(page);
  await page.reload();
  const refresh = await restoring;
  expect(refresh.status()).toBe(200);
  expect(refresh.request().postDataJSON()).toEqual({ mode: 'cookie' });
  expect(await refresh.json()).not.toHaveProperty('refreshToken');
  await expect(page.getByRole('link', { name: 'Reloader' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  // The refresh rotated the cookie; still nothing of it, or of the new access token, is readable.
  const rotated = await refreshCookie(context);
  expect(rotated?.value).not.toBe(cookie!.value);
  for (const place of Object.values(await readable(page))) {
    expect(place).not.toMatch(JWT);
    expect(place).not.toContain(rotated!.value);
  }
  // Even on a page under the cookie's path, where a script-readable cookie would show.
  const underPath = await context.newPage();
  await underPath.goto('/api/v1/auth/refresh');
  expect(await underPath.evaluate(() => document.cookie)).toBe('');
  await underPath.close();
});

test('signing in or out in one tab does the same in the others; after signing out a reload stays signed out', async ({
  page,
  context,
  request,
}) => {
  const account = await newCustomer(request, 'Twotabs');
  const other = await context.newPage();
  await other.goto('/');
  await expect(other.getByRole('link', { name: 'Sign in' })).toBeVisible();

  await signInWithForm(page, account.email, account.password);
  // The other tab heard of the sign-in (never a token) and restored the session from the cookie.
  await expect(other.getByRole('link', { name: 'Twotabs' })).toBeVisible();
  const restoring = restored(other);
  await other.goto('/orders');
  const { accessToken } = (await (await restoring).json()) as Session;
  await expect(other.getByRole('heading', { name: 'My orders' })).toBeVisible();

  const logout = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout'));
  await page.getByRole('button', { name: 'Sign out' }).click();
  expect((await logout).status()).toBe(200);
  for (const tab of [page, other]) {
    await expect(tab.getByRole('link', { name: 'Sign in' })).toBeVisible();
    await expect(tab.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  }
  // The session ended on the server: the other tab's access token no longer works anywhere.
  const me = await request.get('/api/v1/users/me', { headers: { authorization: `Bearer ${accessToken}` } });
  expect(me.status()).toBe(401);
  expect(await refreshCookie(context)).toBeUndefined();

  for (const tab of [page, other]) {
    const refused = restored(tab);
    await tab.reload();
    expect((await refused).status()).toBe(401);
    await expect(tab.getByRole('link', { name: 'Sign in' })).toBeVisible();
    await expect(tab.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  }
  await other.goto('/orders');
  await expect(other.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
});

test('changing the password on the profile page needs the current one, and signs out the other sessions', async ({
  page,
  request,
}) => {
  const account = await newCustomer(request, 'Rekeyer');
  const credentials = { email: account.email, password: account.password };
  const elsewhere = await signIn(request, credentials);
  await signInWithForm(page, account.email, account.password);
  await page.getByRole('link', { name: 'Rekeyer' }).click();
  const form = page.getByRole('form', { name: 'Password' });
  await expect(form.getByRole('group', { name: 'Confirm it is you' })).toBeVisible();

  await form.getByLabel('Current password').fill('not-my-password');
  await form.getByLabel('New password (at least 8 characters)').fill('a-brand-new-password');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('alert')).toHaveText('The current password is not correct.');
  await expect(form.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  // Nothing changed: the old password still signs in.
  expect((await request.post('/api/v1/auth/login', { data: credentials })).ok()).toBe(true);

  await form.getByLabel('Current password').fill(account.password);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('status')).toHaveText('Password changed. Your other devices are signed out.');
  await expect(form.getByRole('alert')).toHaveCount(0);
  const other = await request.get('/api/v1/users/me', { headers: { authorization: `Bearer ${elsewhere}` } });
  expect(other.status()).toBe(401);
  const renewed = await request.post('/api/v1/auth/login', {
    data: { email: account.email, password: 'a-brand-new-password' },
  });
  expect(renewed.ok()).toBe(true);

  // This browser's session is the one that stays.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your profile' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Rekeyer' })).toBeVisible();
});
