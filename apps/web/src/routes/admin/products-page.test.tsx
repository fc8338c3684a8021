// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Product } from '@igniflo/contract';
import { fakeServer, renderPage, sessionFor } from '../../test-support/app-harness.tsx';
import { ProductsPage } from './products-page.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const mug: Product = {
  id: 'p1',
  sku: 'MUG',
  name: 'Enamel mug',
  description: '',
  priceCents: 1400,
  currency: 'GBP',
  stock: 5,
  active: true,
  imageUrl: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('the admin products page', () => {
  it('lists archived products too, and moves stock with a reason, then shows the list again', async () => {
    let stock = 5;
    const server = fakeServer({
      'POST /auth/refresh': () => [200, sessionFor('ADMIN')],
      'GET /products': () => [200, { items: [{ ...mug, stock }], nextCursor: null }],
      'POST /products/p1/stock': (request) => {
        stock += (request.body as { delta: number }).delta;
        return [200, { ...mug, stock }];
      },
    });
    renderPage(<ProductsPage />, { path: '/admin/products' });
    fireEvent.click(await screen.findByRole('button', { name: /Edit\s*Enamel mug/ }));
    const form = screen.getByRole('form', { name: 'Stock of Enamel mug' });
    fireEvent.change(within(form).getByLabelText(/Stock change/), { target: { value: '-2' } });
    fireEvent.change(within(form).getByLabelText('Reason'), { target: { value: ' broken in transit ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Adjust stock' }));

    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(server.to('POST', '/products/p1/stock')[0]?.body).toEqual({
      delta: -2,
      reason: 'broken in transit',
    });
    expect(server.to('GET', '/products')[0]?.query.get('includeArchived')).toBe('true');
    // The lists showing the product are fetched again, so the new stock shows.
    await waitFor(() => expect(server.to('GET', '/products').length).toBeGreaterThan(1));
    expect(within(form).getByLabelText<HTMLInputElement>(/Stock change/).value).toBe('');
  });

  it('shows why the server refused a stock move below zero', async () => {
    fakeServer({
      'POST /auth/refresh': () => [200, sessionFor('ADMIN')],
      'GET /products': () => [200, { items: [mug], nextCursor: null }],
      'POST /products/p1/stock': () => [
        409,
        { error: { code: 'CONFLICT', message: 'Stock cannot go below zero (stock is 5)' }, requestId: 'r' },
      ],
    });
    renderPage(<ProductsPage />, { path: '/admin/products' });
    fireEvent.click(await screen.findByRole('button', { name: /Edit\s*Enamel mug/ }));
    const form = screen.getByRole('form', { name: 'Stock of Enamel mug' });
    fireEvent.change(within(form).getByLabelText(/Stock change/), { target: { value: '-9' } });
    fireEvent.change(within(form).getByLabelText('Reason'), { target: { value: 'count' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Adjust stock' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Stock cannot go below zero (stock is 5)');
  });
});
