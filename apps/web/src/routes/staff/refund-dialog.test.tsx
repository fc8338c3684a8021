// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RecordRefundBody, Return } from '@igniflo/contract';
import { RefundDialog } from './refund-dialog.tsx';

afterEach(cleanup);

const order = {
  orderNumber: 'AB12CD34EF',
  currency: 'EUR',
  totalCents: 4500,
  refundedCents: 1000,
  items: [
    { productId: 'p1', sku: 'LAMP', name: 'Desk lamp', unitPriceCents: 1500, quantity: 3, options: {} },
  ],
};
const received = {
  id: 'r1',
  number: 2,
  status: 'RECEIVED',
  items: [{ productId: 'p1', sku: 'LAMP', name: 'Desk lamp', quantity: 3, reason: 'Broken' }],
} as Return;

describe('refund dialog', () => {
  it('offers at most what is left, fills in a return’s value (capped), and sends whole cents', async () => {
    const refund = vi.fn((_body: RecordRefundBody) => Promise.resolve());
    render(
      <RefundDialog
        order={order}
        received={[received]}
        onOpenChange={() => undefined}
        refund={refund}
        pending={false}
        error={null}
      />,
    );
    expect(screen.getByText('Up to €35.00 can still be refunded.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('For a return (optional)'), { target: { value: 'r1' } });
    // Three lamps cost €45.00, but only €35.00 is left to refund.
    expect(screen.getByLabelText('Amount (EUR)')).toHaveProperty('value', '35.00');
    expect(screen.getByLabelText('Reason')).toHaveProperty('value', 'Return 2');
    fireEvent.change(screen.getByLabelText('Amount (EUR)'), { target: { value: '12.345' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Record refund' }).closest('form')!);
    await waitFor(() => expect(refund).toHaveBeenCalledTimes(1));
    expect(refund.mock.calls[0]?.[0]).toEqual({ amountCents: 1235, reason: 'Return 2', returnId: 'r1' });
  });
});
