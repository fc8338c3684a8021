// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Message, Order, OrderEvent } from '@igniflo/contract';
import { keys } from '../../hooks/api/query-keys.ts';
import { fakeServer, renderPage, sessionFor } from '../../test-support/app-harness.tsx';
import { StaffOrderPage } from './staff-order-page.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const order = (patch: Partial<Order> = {}): Order =>
  ({
    id: 'o1',
    orderNumber: 'ABCDE12345',
    customerId: 'c1',
    customer: { id: 'c1', name: 'Ada Byron', email: 'ada@example.test', phone: '+447700900123' },
    title: null,
    description: null,
    specialInstructions: null,
    items: [
      { productId: 'p1', sku: 'MUG', name: 'Enamel mug', unitPriceCents: 1400, quantity: 2, options: {} },
    ],
    totalCents: 2800,
    currency: 'GBP',
    status: 'PENDING',
    paymentReceived: false,
    refundedCents: 0,
    paymentStatus: 'UNPAID',
    shippingAddress: null,
    carrier: null,
    trackingNumber: null,
    estimatedDelivery: null,
    assignedStaffId: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    statusUpdatedAt: '2026-01-01T00:00:00.000Z',
    completedAt: null,
    cancelledAt: null,
    version: 3,
    shipments: [],
    allowedTransitions: ['CONFIRMED', 'ON_HOLD', 'CANCELLED'],
    ...patch,
  }) as Order;

const note: OrderEvent = {
  id: 7,
  orderId: 'o1',
  type: 'note_added',
  fromStatus: null,
  toStatus: null,
  actorId: 'user-staff',
  note: 'Gift wrap, please',
  visibility: 'internal',
  at: '2026-01-01T01:00:00.000Z',
};

function staffServer(routes: Parameters<typeof fakeServer>[0] = {}) {
  return fakeServer({
    'POST /auth/refresh': () => [200, sessionFor('STAFF')],
    'GET /orders/o1': () => [200, order()],
    'GET /orders/o1/history': () => [200, { items: [] }],
    'GET /orders/o1/media': () => [200, { items: [] }],
    'GET /orders/o1/messages': () => [200, { items: [] }],
    'GET /admin/users': () => [200, { items: [], nextCursor: null }],
    ...routes,
  });
}

describe('the staff order page', () => {
  it('moves the order with the version it shows and shows the answer without fetching it again', async () => {
    const server = staffServer({
      'PATCH /orders/o1/status': () => [
        200,
        order({
          status: 'CONFIRMED',
          version: 4,
          allowedTransitions: ['IN_PROGRESS', 'ON_HOLD', 'CANCELLED'],
        }),
      ],
    });
    renderPage(<StaffOrderPage />, { path: '/staff/orders/o1', pattern: '/staff/orders/:id' });
    const moves = await screen.findByRole('group', { name: 'Move the order' });
    fireEvent.click(within(moves).getByRole('button', { name: /Confirmed/ }));

    await waitFor(() => expect(within(moves).queryByRole('button', { name: /Confirmed/ })).toBeNull());
    expect(within(moves).getByRole('button', { name: /Being prepared/ })).toBeTruthy();
    expect(server.to('PATCH', '/orders/o1/status')[0]?.body).toEqual({ status: 'CONFIRMED', version: 3 });
    expect(server.to('GET', '/orders/o1')).toHaveLength(1);
  });

  it('shows the refusal when someone else moved the order first', async () => {
    staffServer({
      'PATCH /orders/o1/status': () => [
        409,
        { error: { code: 'CONFLICT', message: 'The order was changed by someone else' }, requestId: 'r' },
      ],
    });
    renderPage(<StaffOrderPage />, { path: '/staff/orders/o1', pattern: '/staff/orders/:id' });
    const moves = await screen.findByRole('group', { name: 'Move the order' });
    fireEvent.click(within(moves).getByRole('button', { name: /Confirmed/ }));
    expect((await screen.findByRole('alert')).textContent).toBe('The order was changed by someone else');
  });

  it('shows the messages to the customer in the history among the status changes by time, plainly when not sent', async () => {
    const event = (id: number, toStatus: Order['status'], at: string): OrderEvent => ({
      ...note,
      id,
      type: id === 1 ? 'created' : 'status_changed',
      toStatus,
      note: null,
      visibility: 'customer',
      at,
    });
    const message = (patch: Partial<Message>): Message => ({
      id: 1,
      channel: 'email',
      recipient: 'a•••@example.test',
      template: 'order_placed',
      subject: 'Order ABCDE12345 received',
      status: 'SENT',
      attempts: 1,
      lastError: null,
      createdAt: '2026-01-01T00:00:01.000Z',
      sentAt: '2026-01-01T00:00:02.000Z',
      ...patch,
    });
    const queued: Partial<Message> = {
      status: 'QUEUED',
      template: 'order_confirmed',
      createdAt: '2026-01-01T02:00:01.000Z',
    };
    staffServer({
      'GET /orders/o1/history': () => [
        200,
        {
          items: [
            event(1, 'PENDING', '2026-01-01T00:00:00.000Z'),
            event(2, 'CONFIRMED', '2026-01-01T02:00:00.000Z'),
          ],
        },
      ],
      'GET /orders/o1/messages': () => [
        200,
        {
          items: [
            message({}),
            message({ ...queued, id: 2, attempts: 2, lastError: 'connect ECONNREFUSED', sentAt: null }),
            message({
              ...queued,
              id: 3,
              channel: 'sms',
              recipient: '+•••••••0123',
              status: 'FAILED',
              attempts: 9,
              lastError: 'The gateway answered 500',
              sentAt: null,
            }),
            message({ ...queued, id: 4, template: 'something_new', subject: 'A new kind', attempts: 0 }),
          ],
        },
      ],
    });
    renderPage(<StaffOrderPage />, { path: '/staff/orders/o1', pattern: '/staff/orders/:id' });
    const history = await screen.findByRole('list', { name: 'Order history' });
    fireEvent.click(await screen.findByRole('button', { name: 'All updates (6)' }));
    const items = within(history).getAllByRole('listitem');
    expect(items.map((li) => li.firstElementChild?.textContent)).toEqual([
      'Email to a•••@example.test not sent yet — A new kind',
      'Text to +•••••••0123 failed — Confirmed',
      'Email to a•••@example.test not sent yet (retrying) — Confirmed',
      'Confirmed',
      'Email sent to a•••@example.test — Order received',
      'Received',
    ]);
    expect(items[1]?.textContent).toContain('Gave up after 9 attempts: The gateway answered 500');
    expect(items[2]?.textContent).toContain('2 attempts so far: connect ECONNREFUSED');
    // The current step is the latest status, not the latest message.
    expect(items[3]?.getAttribute('aria-current')).toBe('step');
    expect(items[4]?.querySelector('time')?.getAttribute('datetime')).toBe('2026-01-01T00:00:02.000Z');
  });

  it('adds an internal note to the history at once and clears the box', async () => {
    const server = staffServer({ 'POST /orders/o1/notes': () => [201, note] });
    const { client } = renderPage(<StaffOrderPage />, {
      path: '/staff/orders/o1',
      pattern: '/staff/orders/:id',
    });
    fireEvent.change(await screen.findByLabelText('Note'), { target: { value: 'Gift wrap, please' } });
    await waitFor(() => expect(client.getQueryData(keys.orders.history('o1'))).toBeDefined());
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));

    expect(await screen.findByText('Gift wrap, please')).toBeTruthy();
    expect(server.to('POST', '/orders/o1/notes')[0]?.body).toEqual({
      body: 'Gift wrap, please',
      visibility: 'internal',
    });
    expect(screen.getByLabelText<HTMLTextAreaElement>('Note').value).toBe('');
    expect(server.to('GET', '/orders/o1/history')).toHaveLength(1);
    // Any change to the order may call for a message to the customer: they are fetched again.
    await waitFor(() => expect(server.to('GET', '/orders/o1/messages')).toHaveLength(2));
  });

  it('asks why before a hold, sends the reason as the move’s note, and offers the resume by where it goes', async () => {
    const server = staffServer({
      'PATCH /orders/o1/status': () => [
        200,
        order({ status: 'ON_HOLD', version: 4, allowedTransitions: ['PENDING', 'CANCELLED'] }),
      ],
    });
    renderPage(<StaffOrderPage />, { path: '/staff/orders/o1', pattern: '/staff/orders/:id' });
    const moves = await screen.findByRole('group', { name: 'Move the order' });
    fireEvent.click(within(moves).getByRole('button', { name: 'Put on hold…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Put order ABCDE12345 on hold?' });
    expect(server.to('PATCH', '/orders/o1/status')).toHaveLength(0);
    fireEvent.change(within(dialog).getByLabelText(/Reason/), { target: { value: 'Waiting for fabric' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Put on hold' }));

    await waitFor(() => expect(server.to('PATCH', '/orders/o1/status')).toHaveLength(1));
    expect(server.to('PATCH', '/orders/o1/status')[0]?.body).toEqual({
      status: 'ON_HOLD',
      version: 3,
      note: 'Waiting for fabric',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(moves).getByRole('button', { name: 'Resume: back to Received' })).toBeTruthy();
    expect(within(moves).getByRole('button', { name: 'Cancel order…' })).toBeTruthy();
  });

  it('shows who the customer is, with links to write or call', async () => {
    staffServer();
    renderPage(<StaffOrderPage />, { path: '/staff/orders/o1', pattern: '/staff/orders/:id' });
    const card = await screen.findByRole('region', { name: 'Customer' });
    expect(await within(card).findByText('Ada Byron')).toBeTruthy();
    expect(within(card).getByRole('link', { name: 'ada@example.test' }).getAttribute('href')).toBe(
      'mailto:ada@example.test',
    );
    expect(within(card).getByRole('link', { name: '+447700900123' }).getAttribute('href')).toBe(
      'tel:+447700900123',
    );
  });

  it('edits the items in a dialog: one more of a line, a custom line, the new total; sent with the version', async () => {
    const edited = order({
      version: 4,
      totalCents: 4700,
      items: [
        { productId: 'p1', sku: 'MUG', name: 'Enamel mug', unitPriceCents: 1400, quantity: 3, options: {} },
        { productId: null, sku: 'CUSTOM', name: 'Engraving', unitPriceCents: 500, quantity: 1, options: {} },
      ],
    });
    const server = staffServer({
      'GET /products/p1': () => [
        200,
        { id: 'p1', sku: 'MUG', name: 'Enamel mug', stock: 1, priceCents: 1600 },
      ],
      'PUT /orders/o1/items': () => [200, edited],
    });
    renderPage(<StaffOrderPage />, { path: '/staff/orders/o1', pattern: '/staff/orders/:id' });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit items' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit items' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'One more Enamel mug' }));
    expect(within(dialog).getByLabelText<HTMLInputElement>('Quantity of Enamel mug').value).toBe('3');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add a custom line' }));
    const custom = within(dialog).getByRole('group', { name: 'Custom line 2' });
    fireEvent.change(within(custom).getByLabelText('Name'), { target: { value: 'Engraving' } });
    fireEvent.change(within(custom).getByLabelText('Unit price (GBP)'), { target: { value: '5' } });
    fireEvent.change(within(dialog).getByLabelText(/Note to the customer/), {
      target: { value: 'As agreed' },
    });
    expect(within(dialog).getByText('£47.00')).toBeTruthy();

    // Two more mugs than the order holds would be one more than the stock: refused before sending.
    fireEvent.click(within(dialog).getByRole('button', { name: 'One more Enamel mug' }));
    expect(await within(dialog).findByText('Only 3 available')).toBeTruthy();
    expect(within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Save items' }).disabled).toBe(true);
    fireEvent.click(within(dialog).getByRole('button', { name: 'One fewer Enamel mug' }));

    fireEvent.click(within(dialog).getByRole('button', { name: 'Save items' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(server.to('PUT', '/orders/o1/items')[0]?.body).toEqual({
      items: [
        { productId: 'p1', quantity: 3 },
        { name: 'Engraving', unitPriceCents: 500, quantity: 1 },
      ],
      note: 'As agreed',
      version: 3,
    });
    const items = screen.getByRole('region', { name: 'Items' });
    expect(within(items).getByText('Engraving')).toBeTruthy();
    expect(within(items).getByText('£47.00')).toBeTruthy();
  });

  it('shows a refusal for short stock beside the line it is about, and keeps the dialog open', async () => {
    staffServer({
      'PUT /orders/o1/items': () => [
        409,
        {
          error: {
            code: 'OUT_OF_STOCK',
            message: 'Not enough stock for MUG',
            details: [{ productId: 'p1', sku: 'MUG', requested: 1, available: 0 }],
          },
          requestId: 'r',
        },
      ],
    });
    renderPage(<StaffOrderPage />, { path: '/staff/orders/o1', pattern: '/staff/orders/:id' });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit items' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit items' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'One more Enamel mug' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save items' }));
    expect(await within(dialog).findByText('Not enough stock: 0 more in stock')).toBeTruthy();
    expect(within(dialog).getByRole('alert').textContent).toBe('Some lines cannot be saved: see each line.');
  });

  it('prices a custom request without items, starting on a custom line, and offers no edit once a package left', async () => {
    const request = order({ items: [], totalCents: 0, title: 'A three-tier cake', description: 'Lemon' });
    const server = staffServer({
      'GET /orders/o1': () => [200, request],
      'PUT /orders/o1/items': () => [200, request],
    });
    const { unmount } = renderPage(<StaffOrderPage />, {
      path: '/staff/orders/o1',
      pattern: '/staff/orders/:id',
    });
    expect(await screen.findByText('A three-tier cake')).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'Price this request' }));
    const dialog = await screen.findByRole('dialog', { name: 'Price this request' });
    const line = within(dialog).getByRole('group', { name: 'Custom line 1' });
    fireEvent.change(within(line).getByLabelText('Name'), { target: { value: 'Cake' } });
    fireEvent.change(within(line).getByLabelText('Unit price (GBP)'), { target: { value: '89.90' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send the quote' }));
    await waitFor(() => expect(server.to('PUT', '/orders/o1/items')).toHaveLength(1));
    expect(server.to('PUT', '/orders/o1/items')[0]?.body).toEqual({
      items: [{ name: 'Cake', unitPriceCents: 8990, quantity: 1 }],
      version: 3,
    });
    unmount();

    staffServer({ 'GET /orders/o1': () => [200, order({ status: 'PARTIALLY_SHIPPED', shipments: [] })] });
    renderPage(<StaffOrderPage />, { path: '/staff/orders/o1', pattern: '/staff/orders/:id' });
    expect(await screen.findByRole('region', { name: 'Items' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Edit items' })).toBeNull();
  });
});
