// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CreateShipmentBody, Order, Shipment } from '@igniflo/contract';
import { orderItem } from '../../test-support/order-fixtures.ts';
import { ShipItemsForm, unshippedLines } from './ship-items-form.tsx';

afterEach(cleanup);

const shipped = (productId: string, quantity: number) =>
  ({ items: [{ productId, quantity }] }) as unknown as Shipment;

const order: Pick<Order, 'items' | 'shipments' | 'carrier'> = {
  items: [
    orderItem('p1', 'Enamel mug', 2),
    orderItem('p2', 'Tea towel', 1),
    orderItem('p1', 'Enamel mug', 1),
  ],
  shipments: [shipped('p1', 1)],
  carrier: 'UPS',
};

describe('ship items form', () => {
  it('offers what is left of each product, lines of one product together', () => {
    expect(unshippedLines(order)).toEqual([
      { productId: 'p1', name: 'Enamel mug', left: 2 },
      { productId: 'p2', name: 'Tea towel', left: 1 },
    ]);
    expect(unshippedLines({ ...order, shipments: [shipped('p1', 3), shipped('p2', 1)] })).toEqual([]);
  });

  it('sends the chosen quantities, leaving out lines set to 0, with carrier, tracking and window', async () => {
    const ship = vi.fn((_body: CreateShipmentBody) => Promise.resolve());
    render(<ShipItemsForm order={order} ship={ship} pending={false} error={null} />);
    fireEvent.click(screen.getByRole('button', { name: 'Ship items…' }));
    expect(screen.getByLabelText('Carrier')).toHaveProperty('value', 'UPS');
    fireEvent.change(screen.getByLabelText('Enamel mug (2 left)'), { target: { value: '1' } });
    fireEvent.change(screen.getByLabelText('Tea towel (1 left)'), { target: { value: '0' } });
    fireEvent.change(screen.getByLabelText('Tracking number'), { target: { value: ' 1Z999 ' } });
    fireEvent.change(screen.getByLabelText('Arrives by'), { target: { value: '2030-01-04' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ship package' }));
    await waitFor(() => expect(ship).toHaveBeenCalledTimes(1));
    expect(ship.mock.calls[0]?.[0]).toEqual({
      items: [{ productId: 'p1', quantity: 1 }],
      carrier: 'UPS',
      trackingNumber: '1Z999',
      estimatedDelivery: { to: '2030-01-04' },
    });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Ship items…' })).toBeTruthy());
  });

  it('shows the server’s refusal and keeps the form open', () => {
    render(
      <ShipItemsForm
        order={order}
        ship={() => Promise.reject(new Error('More than is still unshipped'))}
        pending={false}
        error={new Error('More than is still unshipped')}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Ship items…' }));
    expect(screen.getByRole('alert').textContent).toBe('More than is still unshipped');
  });
});
