// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProductUnits, RequestReturnBody } from '@igniflo/contract';
import { orderItem } from '../../test-support/order-fixtures.ts';
import { ReturnItemsDialog } from './return-items-dialog.tsx';

afterEach(cleanup);

const order = {
  orderNumber: 'AB12CD34EF',
  items: [
    orderItem('p1', 'Linen shirt', 2),
    orderItem('p2', 'Enamel mug', 1),
    orderItem('p1', 'Linen shirt', 1),
  ],
};

function renderDialog(returnable: ProductUnits[], request: (body: RequestReturnBody) => Promise<unknown>) {
  render(
    <ReturnItemsDialog
      order={order}
      returnable={returnable}
      open
      onOpenChange={() => undefined}
      request={request}
      pending={false}
      error={null}
    />,
  );
}

describe('return items dialog', () => {
  it('sends the lines chosen, each with its reason, leaving out what stays, with the note', async () => {
    const request = vi.fn((_body: RequestReturnBody) => Promise.resolve());
    renderDialog(
      [
        { productId: 'p1', quantity: 3 },
        { productId: 'p2', quantity: 1 },
      ],
      request,
    );
    const shirt = screen.getByRole('group', { name: 'Linen shirt (up to 3)' });
    expect(shirt).toBeTruthy();
    fireEvent.change(screen.getByLabelText('How many', { selector: '#return-qty-p1' }), {
      target: { value: '2' },
    });
    fireEvent.change(screen.getByLabelText('Reason', { selector: '#return-reason-p1' }), {
      target: { value: 'Does not fit' },
    });
    fireEvent.change(screen.getByLabelText('Note for the shop (optional)'), {
      target: { value: '  Too tight  ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Request return' }));
    await waitFor(() => expect(request).toHaveBeenCalledTimes(1));
    expect(request.mock.calls[0]?.[0]).toEqual({
      items: [{ productId: 'p1', quantity: 2, reason: 'Does not fit' }],
      note: 'Too tight',
    });
  });

  it('asks for at least one item and sends nothing when none is chosen', () => {
    const request = vi.fn(() => Promise.resolve());
    renderDialog([{ productId: 'p2', quantity: 1 }], request);
    fireEvent.click(screen.getByRole('button', { name: 'Request return' }));
    expect(screen.getByRole('alert').textContent).toBe('Choose at least one item to return.');
    expect(request).not.toHaveBeenCalled();
  });
});
