// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { guestCart } from '../../lib/guest-cart.ts';
import { guestWishlist } from '../../lib/guest-wishlist.ts';
import { fakeServer, renderPage } from '../../test-support/app-harness.tsx';
import { WishlistPage } from './wishlist-page.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const signedOut = () =>
  [401, { error: { code: 'UNAUTHENTICATED', message: 'No session' }, requestId: 'r' }] as [number, unknown];

describe('the wishlist', () => {
  it('puts a saved product in the cart with one click', async () => {
    fakeServer({ 'POST /auth/refresh': signedOut });
    guestWishlist.set({
      mergeId: 'w1',
      items: [{ productId: 'p2', name: 'Canvas tote', priceCents: 1600, currency: 'GBP' }],
    });
    renderPage(<WishlistPage />, { path: '/wishlist' });
    fireEvent.click(await screen.findByRole('button', { name: 'Add Canvas tote to cart' }));
    expect(guestCart.get().lines).toEqual([
      { productId: 'p2', quantity: 1, name: 'Canvas tote', unitPriceCents: 1600, currency: 'GBP' },
    ]);
  });
});
