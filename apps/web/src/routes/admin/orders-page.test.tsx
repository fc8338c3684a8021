// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Order } from '@igniflo/contract';
import { fakeServer, renderPage, sessionFor } from '../../test-support/app-harness.tsx';
import { AdminOrdersPage } from './orders-page.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const order = {
  id: 'o1',
  orderNumber: 'AB12CD34EF',
  customerId: 'c1',
  customerName: 'Ada',
  shipments: [],
  items: [],
  title: null,
  description: null,
  specialInstructions: null,
  totalCents: 4200,
  currency: 'GBP',
  status: 'PENDING',
  heldFromStatus: null,
  paymentReceived: false,
  refundedCents: 0,
  paymentStatus: 'UNPAID',
  shippingAddress: {
    name: 'Ada Lovelace',
    line1: '1 Market St',
    city: 'Bristol',
    postalCode: 'BS1',
    country: 'GB',
  },
  carrier: null,
  trackingNumber: null,
  estimatedDelivery: null,
  assignedStaffId: null,
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
  statusUpdatedAt: '2026-03-01T10:00:00.000Z',
  completedAt: null,
  cancelledAt: null,
  version: 1,
  allowedTransitions: [],
} satisfies Order;

const query = () => new URLSearchParams(screen.getByRole('status', { name: 'query' }).textContent ?? '');

describe('the admin orders page', () => {
  it('reads its filters from the address, so a reload or a shared link shows the same list', async () => {
    const server = fakeServer({
      'POST /auth/refresh': () => [200, sessionFor('ADMIN')],
      'GET /orders': () => [200, { items: [order], nextCursor: null }],
    });
    renderPage(<AdminOrdersPage />, { path: '/admin/orders?status=PENDING&q=AB12&from=2026-03-01' });
    const row = await screen.findByRole('row', { name: /AB12CD34EF/ });
    const sent = server.to('GET', '/orders')[0]!.query;
    expect([sent.get('status'), sent.get('q'), sent.get('from')]).toEqual([
      'PENDING',
      'AB12',
      '2026-03-01T00:00:00Z',
    ]);
    expect(screen.getByLabelText<HTMLSelectElement>('Status').value).toBe('PENDING');
    expect(screen.getByLabelText<HTMLInputElement>('Order, customer, email, SKU or tracking no.').value).toBe(
      'AB12',
    );
    expect(screen.getByLabelText<HTMLInputElement>('From').value).toBe('2026-03-01');
    // Order number, who it ships to, total, status and payment, each as words.
    expect(within(row).getByRole('link', { name: 'AB12CD34EF' }).getAttribute('href')).toBe(
      '/staff/orders/o1',
    );
    for (const text of ['Ada Lovelace', '£42.00', 'Received', 'Unpaid'])
      expect(within(row).getByText(text)).toBeTruthy();
  });

  it('writes a changed filter to the address and asks the server for it', async () => {
    const server = fakeServer({
      'POST /auth/refresh': () => [200, sessionFor('ADMIN')],
      'GET /orders': () => [200, { items: [order], nextCursor: null }],
    });
    renderPage(<AdminOrdersPage />, { path: '/admin/orders?q=AB12&sort=totalCents&dir=desc' });
    await screen.findByRole('row', { name: /AB12CD34EF/ });
    fireEvent.change(screen.getByLabelText('Order, customer, email, SKU or tracking no.'), {
      target: { value: '  ' },
    });
    // A status applies at once, with what else the form holds.
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'SHIPPED' } });
    await waitFor(() => expect(query().get('status')).toBe('SHIPPED'));
    expect(query().has('q')).toBe(false);
    // The sort stays as it was.
    expect([query().get('sort'), query().get('dir')]).toEqual(['totalCents', 'desc']);
    await waitFor(() => expect(server.to('GET', '/orders').at(-1)?.query.get('status')).toBe('SHIPPED'));
    expect(server.to('GET', '/orders').at(-1)?.query.has('q')).toBe(false);
  });

  it('ignores a status in the address that does not exist rather than failing', async () => {
    const server = fakeServer({
      'POST /auth/refresh': () => [200, sessionFor('ADMIN')],
      'GET /orders': () => [200, { items: [order], nextCursor: null }],
    });
    renderPage(<AdminOrdersPage />, { path: '/admin/orders?status=LOST' });
    await screen.findByRole('row', { name: /AB12CD34EF/ });
    expect(server.to('GET', '/orders')[0]?.query.has('status')).toBe(false);
  });
});
