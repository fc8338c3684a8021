// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LedgerEntry, Product } from '@igniflo/contract';
import { fakeServer, renderPage, sessionFor } from '../../test-support/app-harness.tsx';
import { notify } from '../../components/ui/toaster.tsx';
import { archiveSummary, ProductsPage } from './products-page.tsx';

vi.mock('../../components/ui/toaster.tsx', () => ({ notify: vi.fn() }));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.mocked(notify).mockClear();
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
  it('lists archived products too, and moves stock with a reason, then shows the list and the history again', async () => {
    let stock = 5;
    const entry: LedgerEntry = {
      id: 1,
      delta: 5,
      reason: 'initial stock',
      orderId: null,
      orderNumber: null,
      actorId: null,
      actorName: null,
      at: '2026-01-01T00:00:00.000Z',
    };
    const ledger: LedgerEntry[] = [entry];
    const server = fakeServer({
      'POST /auth/refresh': () => [200, sessionFor('ADMIN')],
      'GET /products': () => [200, { items: [{ ...mug, stock }], nextCursor: null }],
      'POST /products/p1/stock': (request) => {
        stock += (request.body as { delta: number }).delta;
        ledger.unshift({ ...entry, id: 2, delta: -2, reason: 'broken in transit', actorName: 'Ada Admin' });
        return [200, { ...mug, stock }];
      },
      'GET /products/p1/ledger': () => [200, { items: ledger, nextCursor: null }],
    });
    renderPage(<ProductsPage />, { path: '/admin/products' });
    fireEvent.click(await screen.findByRole('button', { name: /Edit\s*Enamel mug/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Enamel mug' });
    const form = within(dialog).getByRole('form', { name: 'Stock of Enamel mug' });
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
    // Held read-only only while the change was sent: ready for the next one.
    expect(within(form).getByLabelText<HTMLInputElement>(/Stock change/).readOnly).toBe(false);
    expect(within(dialog).getByText('3 in stock now.')).toBeTruthy();
    // The stock history is fetched again with the move on top.
    const history = within(dialog).getByRole('region', { name: 'Stock history' });
    await waitFor(() =>
      expect(
        within(history)
          .getAllByRole('row')
          .map((r) => r.textContent),
      ).toEqual([
        'WhenChangeReasonOrderBy',
        expect.stringMatching(/Change−2Reasonbroken in transitOrder—ByAda Admin$/),
        expect.stringMatching(/Change\+5Reasoninitial stockOrder—BySystem$/),
      ]),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const row = screen.getByRole('row', { name: /Enamel mug/ });
    expect(within(row).getByRole('cell', { name: '3' })).toBeTruthy();
  });

  it('shows why the server refused a stock move below zero', async () => {
    fakeServer({
      'POST /auth/refresh': () => [200, sessionFor('ADMIN')],
      'GET /products': () => [200, { items: [mug], nextCursor: null }],
      'GET /products/p1/ledger': () => [200, { items: [], nextCursor: null }],
      'POST /products/p1/stock': () => [
        409,
        { error: { code: 'CONFLICT', message: 'Stock cannot go below zero (stock is 5)' }, requestId: 'r' },
      ],
    });
    renderPage(<ProductsPage />, { path: '/admin/products' });
    fireEvent.click(await screen.findByRole('button', { name: /Edit\s*Enamel mug/ }));
    const form = await screen.findByRole('form', { name: 'Stock of Enamel mug' });
    fireEvent.change(within(form).getByLabelText(/Stock change/), { target: { value: '-9' } });
    fireEvent.change(within(form).getByLabelText('Reason'), { target: { value: 'count' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Adjust stock' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Stock cannot go below zero (stock is 5)');
  });

  const kettle: Product = {
    ...mug,
    id: 'p2',
    sku: 'KETTLE',
    name: 'Camp kettle',
    priceCents: 2500,
    stock: 2,
  };
  const lamp: Product = { ...mug, id: 'p3', sku: 'LAMP', name: 'Storm lamp', priceCents: 900, active: false };
  const names = () =>
    screen
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell')[1]?.lastChild?.textContent);

  it('sorts by a header, says so with aria-sort, and keeps the sort in the address', async () => {
    fakeServer({
      'POST /auth/refresh': () => [200, sessionFor('ADMIN')],
      'GET /products': () => [200, { items: [mug, kettle, lamp], nextCursor: null }],
    });
    renderPage(<ProductsPage />, { path: '/admin/products' });
    await screen.findByRole('row', { name: /Camp kettle/ });
    expect(names()).toEqual(['Enamel mug', 'Camp kettle', 'Storm lamp']);
    const price = screen.getByRole('columnheader', { name: 'Price' });
    expect(price.getAttribute('aria-sort')).toBeNull();

    fireEvent.click(within(price).getByRole('button', { name: 'Price' }));
    expect(price.getAttribute('aria-sort')).toBe('ascending');
    expect(names()).toEqual(['Storm lamp', 'Enamel mug', 'Camp kettle']);
    expect(screen.getByRole('status', { name: 'query' }).textContent).toBe('?sort=priceCents&dir=asc');

    fireEvent.click(within(price).getByRole('button', { name: 'Price' }));
    expect(price.getAttribute('aria-sort')).toBe('descending');
    expect(names()).toEqual(['Camp kettle', 'Enamel mug', 'Storm lamp']);
    // Only the sorted column says how it is sorted.
    expect(screen.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).toBeNull();
  });

  it('starts sorted and searched as the address says, and puts a new search there', async () => {
    const server = fakeServer({
      'POST /auth/refresh': () => [200, sessionFor('ADMIN')],
      'GET /products': () => [200, { items: [mug, kettle, lamp], nextCursor: null }],
    });
    renderPage(<ProductsPage />, { path: '/admin/products?q=camp&sort=name&dir=desc' });
    await screen.findByRole('row', { name: /Camp kettle/ });
    expect(names()).toEqual(['Storm lamp', 'Enamel mug', 'Camp kettle']);
    expect(screen.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).toBe('descending');
    expect(server.to('GET', '/products')[0]?.query.get('q')).toBe('camp');
    const search = screen.getByLabelText<HTMLInputElement>('Search by name or SKU');
    expect(search.value).toBe('camp');

    fireEvent.change(search, { target: { value: ' lamp ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(server.to('GET', '/products').at(-1)?.query.get('q')).toBe('lamp'));
    expect(screen.getByRole('status', { name: 'query' }).textContent).toBe('?q=lamp&sort=name&dir=desc');
  });

  it('hides a column chosen in the Columns menu', async () => {
    fakeServer({
      'POST /auth/refresh': () => [200, sessionFor('ADMIN')],
      'GET /products': () => [200, { items: [mug], nextCursor: null }],
    });
    renderPage(<ProductsPage />, { path: '/admin/products' });
    await screen.findByRole('row', { name: /Enamel mug/ });
    expect(screen.getByRole('columnheader', { name: 'SKU' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Columns' }));
    const sku = await screen.findByRole('menuitemcheckbox', { name: 'SKU' });
    expect(sku.getAttribute('aria-checked')).toBe('true');
    // The row's name and its actions cannot be hidden.
    expect(screen.queryByRole('menuitemcheckbox', { name: 'Name' })).toBeNull();
    fireEvent.click(sku);
    await waitFor(() => expect(screen.queryByRole('columnheader', { name: 'SKU' })).toBeNull());
    expect(screen.queryByRole('cell', { name: 'MUG' })).toBeNull();
    expect(screen.getByRole('cell', { name: 'Enamel mug' })).toBeTruthy();
  });

  it('archives the selected products one by one and sums up what worked and what did not', async () => {
    const server = fakeServer({
      'POST /auth/refresh': () => [200, sessionFor('ADMIN')],
      'GET /products': () => [200, { items: [mug, kettle, lamp], nextCursor: null }],
      'DELETE /products/p1': () => [200, { ...mug, active: false }],
      'DELETE /products/p2': () => [
        409,
        { error: { code: 'CONFLICT', message: 'It changed meanwhile' }, requestId: 'r' },
      ],
    });
    renderPage(<ProductsPage />, { path: '/admin/products' });
    await screen.findByRole('row', { name: /Camp kettle/ });
    const selection = screen
      .getAllByRole('status')
      .find((s) => s.closest('form') === null && !s.hasAttribute('aria-label'));
    expect(screen.queryByRole('button', { name: 'Archive selected' })).toBeNull();

    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all' }));
    expect(selection?.textContent).toBe('3 of 3 selected');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Storm lamp' }));
    expect(selection?.textContent).toBe('2 of 3 selected');
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Select all' }).indeterminate).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Archive selected' }));

    await waitFor(() =>
      expect(notify).toHaveBeenCalledWith(
        'error',
        'Archived 1 of 2 products. Not archived: Camp kettle (It changed meanwhile).',
      ),
    );
    expect(server.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      '/products/p1',
      '/products/p2',
    ]);
    // What failed stays selected, to try again.
    expect(selection?.textContent).toBe('1 of 3 selected');
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Select Camp kettle' }).checked).toBe(true);
  });

  it('sums up a bulk archive in one sentence', () => {
    expect(archiveSummary([{ product: mug, error: null }], 0)).toEqual({
      ok: true,
      message: 'Archived 1 product.',
    });
    expect(
      archiveSummary(
        [
          { product: mug, error: 'No' },
          { product: kettle, error: 'Gone' },
        ],
        2,
      ),
    ).toEqual({
      ok: false,
      message:
        'Archived 0 of 2 products. Not archived: Enamel mug (No); Camp kettle (Gone). 2 products were already archived.',
    });
  });
});
