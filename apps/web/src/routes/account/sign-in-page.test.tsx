// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { guestCart } from '../../lib/guest-cart.ts';
import { guestWishlist } from '../../lib/guest-wishlist.ts';
import { fakeServer, renderPage, sessionFor } from '../../test-support/app-harness.tsx';
import { SignInPage } from './sign-in-page.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const signedOut = () =>
  [401, { error: { code: 'UNAUTHENTICATED', message: 'No session' }, requestId: 'r' }] as [number, unknown];

function signIn(email: string, password: string) {
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('signing in', () => {
  it('opens a cookie session, takes the guest cart and wishlist into the account, and lands on the orders', async () => {
    guestCart.set({
      mergeId: 'guest-cart-1',
      lines: [{ productId: 'p1', quantity: 2, name: 'Mug', unitPriceCents: 1400, currency: 'GBP' }],
    });
    guestWishlist.set({
      mergeId: 'guest-wish-1',
      items: [{ productId: 'p2', name: 'Tote', priceCents: 1600, currency: 'GBP' }],
    });
    const server = fakeServer({
      'POST /auth/refresh': signedOut,
      'POST /auth/login': () => [200, sessionFor('CUSTOMER')],
      'POST /cart/merge': () => [200, {}],
      'POST /wishlist/merge': () => [200, {}],
    });
    renderPage(<SignInPage mode="login" />, { path: '/login' });
    signIn('ada@example.test', 'correct horse');

    await waitFor(() => expect(screen.getByLabelText('location').textContent).toBe('/orders'));
    expect(server.to('POST', '/auth/login')[0]?.body).toEqual({
      email: 'ada@example.test',
      password: 'correct horse',
      mode: 'cookie',
    });
    const [cartMerge] = server.to('POST', '/cart/merge');
    expect(cartMerge?.body).toMatchObject({
      mergeId: 'guest-cart-1',
      items: [{ productId: 'p1', quantity: 2 }],
    });
    expect(cartMerge?.headers.get('authorization')).toBe('Bearer token-CUSTOMER');
    expect(server.to('POST', '/wishlist/merge')[0]?.body).toMatchObject({
      mergeId: 'guest-wish-1',
      productIds: ['p2'],
    });
    expect(guestCart.get().lines).toEqual([]);
    expect(guestWishlist.get().items).toEqual([]);
    // Nothing token-like is kept in the browser's storage.
    expect(JSON.stringify({ ...localStorage })).not.toContain('token-CUSTOMER');
  });

  it('keeps the guest cart for the next sign-in when its merge fails', async () => {
    guestCart.set({
      mergeId: 'guest-cart-2',
      lines: [{ productId: 'p1', quantity: 1, name: 'Mug', unitPriceCents: 1400, currency: 'GBP' }],
    });
    fakeServer({
      'POST /auth/refresh': signedOut,
      'POST /auth/login': () => [200, sessionFor('CUSTOMER')],
      'POST /cart/merge': () => [503, { error: { code: 'UNAVAILABLE', message: 'down' }, requestId: 'r' }],
    });
    renderPage(<SignInPage mode="login" />, { path: '/login' });
    signIn('ada@example.test', 'correct horse');
    await waitFor(() => expect(screen.getByLabelText('location').textContent).toBe('/orders'));
    expect(guestCart.get()).toMatchObject({ mergeId: 'guest-cart-2', lines: [{ productId: 'p1' }] });
  });

  it('shows the server message for wrong credentials and stays on the form', async () => {
    fakeServer({
      'POST /auth/refresh': signedOut,
      'POST /auth/login': () => [
        401,
        { error: { code: 'UNAUTHENTICATED', message: 'Email or password is wrong' }, requestId: 'r' },
      ],
    });
    renderPage(<SignInPage mode="login" />, { path: '/login' });
    signIn('ada@example.test', 'wrong');
    expect((await screen.findByRole('alert')).textContent).toBe('Email or password is wrong');
    expect(screen.getByLabelText('location').textContent).toBe('/login');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Sign in' }).disabled).toBe(false);
  });

  it('sends staff to the board', async () => {
    fakeServer({
      'POST /auth/refresh': signedOut,
      'POST /auth/login': () => [200, sessionFor('STAFF')],
    });
    renderPage(<SignInPage mode="login" />, { path: '/login' });
    signIn('staff@example.test', 'secret');
    await waitFor(() => expect(screen.getByLabelText('location').textContent).toBe('/staff'));
  });

  it('sends admins to the dashboard', async () => {
    fakeServer({ 'POST /auth/refresh': signedOut, 'POST /auth/login': () => [200, sessionFor('ADMIN')] });
    renderPage(<SignInPage mode="login" />, { path: '/login' });
    signIn('admin@example.test', 'secret');
    await waitFor(() => expect(screen.getByLabelText('location').textContent).toBe('/admin'));
  });

  it('goes back to the page that asked for a sign-in, but never to another site', async () => {
    fakeServer({ 'POST /auth/refresh': signedOut, 'POST /auth/login': () => [200, sessionFor('CUSTOMER')] });
    renderPage(<SignInPage mode="login" />, { path: '/login', state: { from: '/checkout' } });
    signIn('customer@example.test', 'secret');
    await waitFor(() => expect(screen.getByLabelText('location').textContent).toBe('/checkout'));
    cleanup();

    renderPage(<SignInPage mode="login" />, { path: '/login', state: { from: '//evil.example/phish' } });
    signIn('customer@example.test', 'secret');
    await waitFor(() => expect(screen.getByLabelText('location').textContent).toBe('/orders'));
  });

  it('texts a code to a number written as people write it, and names a new account', async () => {
    const server = fakeServer({
      'POST /auth/refresh': signedOut,
      'POST /auth/otp/send': () => [200, { sent: true }],
      'POST /auth/otp/verify': () => [200, sessionFor('CUSTOMER')],
    });
    renderPage(<SignInPage mode="login" />, { path: '/login' });
    const phone = screen.getByLabelText('Phone');
    fireEvent.change(phone, { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Text me a code' }));
    expect(await screen.findByText(/does not look like a phone number/)).toBeTruthy();
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(server.to('POST', '/auth/otp/send')).toHaveLength(0);

    fireEvent.change(phone, { target: { value: '+44 7700 900123' } });
    fireEvent.click(screen.getByRole('button', { name: 'Text me a code' }));
    expect(
      await screen.findByText('We sent a six-digit code to +447700900123. It is valid for 5 minutes.'),
    ).toBeTruthy();
    expect(server.to('POST', '/auth/otp/send')[0]?.body).toEqual({ phone: '+447700900123' });
    // A new code only after the server's 30 s.
    expect(screen.getByRole('button', { name: /^Send a new code in \d+ s$/ }).hasAttribute('disabled')).toBe(
      true,
    );

    fireEvent.change(screen.getByLabelText('Code'), { target: { value: '123456' } });
    fireEvent.change(screen.getByLabelText('Your name (if you are new here)'), {
      target: { value: ' Ada ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with code' }));
    await waitFor(() => expect(screen.getByLabelText('location').textContent).toBe('/orders'));
    expect(server.to('POST', '/auth/otp/verify')[0]?.body).toMatchObject({
      phone: '+447700900123',
      code: '123456',
      name: 'Ada',
    });
  });
});
