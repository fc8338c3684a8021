import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AddShipmentEventBody, CreateShipmentBody, Order, Shipment } from '@igniflo/contract';
import { api } from '../../lib/api.ts';
import { useAuthHeaders } from '../../lib/session.tsx';
import { keys } from './query-keys.ts';

/** Staff ship items and record packages' progress; the order (its status and version) is read again. */
export function useShipmentActions(order: Pick<Order, 'id'>) {
  const { headers } = useAuthHeaders();
  const client = useQueryClient();
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: keys.orders.one(order.id) }),
      client.invalidateQueries({ queryKey: keys.orders.history(order.id) }),
    ]);
  return {
    create: useMutation({
      mutationFn: (body: CreateShipmentBody) =>
        api<Shipment>(`/orders/${order.id}/shipments`, {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
        }),
      onSuccess: refresh,
    }),
    addEvent: useMutation({
      mutationFn: ({ shipmentId, ...body }: AddShipmentEventBody & { shipmentId: string }) =>
        api<Shipment>(`/orders/${order.id}/shipments/${shipmentId}/events`, {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
        }),
      onSuccess: refresh,
    }),
  };
}
