// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Cart } from '@igniflo/contract';
import { fakeServer, renderPage, sessionFor, type Request } from '../../test-support/app-harness.tsx';
import { CheckoutPage } from './checkout-page.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const cart: Cart = {
  items: [
    {
      productId: 'p1',
      sku: 'MUG',
      name: 'Enamel mug',
      imageUrl: null,
      unitPriceCents: 1400,
      currency: 'GBP',
      quantity: 2,
      options: {},
      lineTotalCents: 2800,
      available: 10,
      status: 'ok',
    },
  ],
  itemCount: 2,
  totalCents: 2800,
  currency: 'GBP',
  checkoutReady: true,
};

const fill = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

function fillAddress() {
  fill('Full name', ' Ada Byron ');
  fill('Address', '12 Analytical Row');
  fill('City', 'London');
  fill('Postal code', 'N1 9GU');
  fill('Country', 'GB');
}

describe('checkout', () => {
  it('places the cart as one order with the address, under one Idempotency-Key, and opens the order', async () => {
    const server = fakeServer({
      'POST /auth/refresh': () => [200, sessionFor('CUSTOMER')],
      'GET /cart': () => [200, cart],
      'POST /orders': () => [201, { id: 'order-1' }],
    });
    renderPage(<CheckoutPage />, { path: '/checkout' });
    expect(await screen.findByText(/2 items/)).toBeTruthy();
    fillAddress();
    fireEvent.click(screen.getByRole('button', { name: 'Place order' }));

    await waitFor(() => expect(screen.getByLabelText('location').textContent).toBe('/orders/order-1'));
    const [placed] = server.to('POST', '/orders') as [Request];
    expect(placed.body).toEqual({
      fromCart: true,
      // Trimmed, optional fields left out, the country in capitals.
      shippingAddress: {
        name: 'Ada Byron',
        line1: '12 Analytical Row',
        city: 'London',
        postalCode: 'N1 9GU',
        country: 'GB',
      },
    });
    expect(placed.headers.get('authorization')).toBe('Bearer token-CUSTOMER');
    expect(placed.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows the refusal and retries with the same key, so a retry cannot place a second order', async () => {
    let attempts = 0;
    const server = fakeServer({
      'POST /auth/refresh': () => [200, sessionFor('CUSTOMER')],
      'GET /cart': () => [200, cart],
      'POST /orders': () =>
        ++attempts === 1
          ? [409, { error: { code: 'OUT_OF_STOCK', message: 'Not enough stock for MUG' }, requestId: 'r' }]
          : [201, { id: 'order-2' }],
    });
    renderPage(<CheckoutPage />, { path: '/checkout' });
    await screen.findByText(/2 items/);
    fillAddress();
    fireEvent.click(screen.getByRole('button', { name: 'Place order' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Not enough stock for MUG');
    expect(screen.getByLabelText('location').textContent).toBe('/checkout');

    fireEvent.click(screen.getByRole('button', { name: 'Place order' }));
    await waitFor(() => expect(screen.getByLabelText('location').textContent).toBe('/orders/order-2'));
    const keys = server.to('POST', '/orders').map((r) => r.headers.get('idempotency-key'));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it('puts the server’s refusal of a field beside that field, in words', async () => {
    fakeServer({
      'POST /auth/refresh': () => [200, sessionFor('CUSTOMER')],
      'GET /cart': () => [200, cart],
      'POST /orders': () => [
        400,
        {
          error: {
            code: 'VALIDATION_ERROR',
            message: 'Invalid body: body/shippingAddress/postalCode must NOT have more than 20 characters',
            details: [
              { path: 'body/shippingAddress/postalCode', message: 'must NOT have more than 20 characters' },
            ],
          },
          requestId: 'r',
        },
      ],
    });
    renderPage(<CheckoutPage />, { path: '/checkout' });
    await screen.findByText(/2 items/);
    fillAddress();
    fireEvent.click(screen.getByRole('button', { name: 'Place order' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Some of the address needs another look: see the fields marked below.',
    );
    const postal = screen.getByLabelText('Postal code');
    expect(postal.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(postal.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Use at most 20 characters.',
    );
    expect(screen.queryByText(/body\/shippingAddress/)).toBeNull();
  });

  it('says the cart is empty and offers the catalog instead of a form', async () => {
    const server = fakeServer({
      'POST /auth/refresh': () => [200, sessionFor('CUSTOMER')],
      'GET /cart': () => [200, { ...cart, items: [], itemCount: 0, totalCents: 0 }],
    });
    renderPage(<CheckoutPage />, { path: '/checkout' });
    // The signed-in cart, not the empty guest cart seen while the session is restored.
    await waitFor(() => expect(server.to('GET', '/cart')).toHaveLength(1));
    expect(await screen.findByText(/Your cart is empty/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Place order' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Browse the catalog' })).toBeTruthy();
  });
});
