import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EditItemsBody, Order } from '@igniflo/contract';
import { api } from '../../lib/api.ts';
import { useAuthHeaders } from '../../lib/session.tsx';
import { keys } from './query-keys.ts';

/**
 * Staff replace an order's items, or price a custom request (PUT /orders/:id/items). The answer is
 * the order as it now is, written into the cache; the history is read again for its new entry.
 */
export function useEditItems(order: Pick<Order, 'id'>) {
  const { headers } = useAuthHeaders();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EditItemsBody) =>
      api<Order>(`/orders/${order.id}/items`, { method: 'PUT', headers, body: JSON.stringify(body) }),
    onSuccess: (updated) => {
      client.setQueryData(keys.orders.one(updated.id), updated);
      return client.invalidateQueries({ queryKey: keys.orders.history(updated.id) });
    },
  });
}
