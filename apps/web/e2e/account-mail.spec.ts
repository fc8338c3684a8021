import { expect, test } from './fixtures.ts';
import { startSmtpInbox } from '../../server/test/smtp-inbox.ts';
import { expectAccessible, screenshots, signInWithForm } from './helpers.ts';

/** The link to `page` in the newest mail to `address`, once it has arrived. */
async function linkTo(
  inbox: Awaited<ReturnType<typeof startSmtpInbox>>,
  address: string,
  page: string,
  count: number,
) {
  await expect.poll(() => inbox.to(address).length, { timeout: 10_000 }).toBe(count);
  const text = inbox.to(address).at(-1)?.text ?? '';
  const link = new RegExp(`https?://\\S+${page}\\?token=[\\w-]+`).exec(text)?.[0];
  expect(link, text).toBeTruthy();
  return link!;
}

test('a new customer confirms the email from the banner’s mail, then forgets the password and resets it by link', async ({
  page,
  server,
}) => {
  const inbox = await startSmtpInbox(server.smtpPort);
  try {
    const email = `forgetful-${Date.now()}@e2e.test`;
    await page.goto('/register');
    await page.getByLabel('Name').fill('Forgetful');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('first-password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('heading', { name: 'My orders' })).toBeVisible();

    // Until the address is confirmed, a banner says so on every page; the link confirms it.
    const banner = page.getByText('Confirm your email', { exact: true });
    await expect(banner).toBeVisible();
    await expect(page.getByText(`We sent a link to ${email}.`)).toBeVisible();
    await page.getByRole('button', { name: 'Send again' }).click();
    await expect(page.getByText('Sent: look in your inbox.')).toBeVisible();
    await expectAccessible(page);
    await screenshots(page, 'verify-banner');
    await page.goto(await linkTo(inbox, email, '/verify-email', 2));
    await expect(page.getByText('Your email address is confirmed. Thank you!')).toBeVisible();
    await expect(banner).toHaveCount(0);
    await expectAccessible(page);
    await screenshots(page, 'verify-email');

    // Signed out, the password forgotten: a link by mail, a new password, and sign in with it.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect(page.getByRole('status')).toContainText(
      `If an account has the address ${email}, we sent it a link`,
    );
    await expectAccessible(page);
    await screenshots(page, 'forgot-password');

    const reset = await linkTo(inbox, email, '/reset-password', 3);
    await page.goto(reset);
    await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
    await page.getByLabel(/^New password/).fill('second-password');
    await expectAccessible(page);
    await screenshots(page, 'reset-password');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page.getByRole('status')).toContainText('Your password is changed');
    await page.getByRole('link', { name: 'Sign in with your new password' }).click();
    await signInWithForm(page, email, 'second-password');
    await expect.poll(() => inbox.to(email).at(-1)?.subject).toBe('Your password was changed');

    // The link worked once.
    await page.goto(reset);
    await page.getByLabel(/^New password/).fill('third-password');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page.getByRole('alert')).toContainText('This link is not valid any more');
  } finally {
    await inbox.close();
  }
});
