import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Order,
  OrderRefunds,
  OrderReturns,
  ReceiveReturnBody,
  RecordRefundBody,
  Refund,
  RequestReturnBody,
  Return,
  ReturnNoteBody,
} from '@igniflo/contract';
import { api } from '../../lib/api.ts';
import { useAuthHeaders } from '../../lib/session.tsx';
import { usePagedList } from './paged.ts';
import { keys } from './query-keys.ts';

/** Returns, newest first: every return for staff (by status), a customer's own for them. */
export const useReturnList = (filter: { status: string }) =>
  usePagedList<Return>(keys.returns.list(filter), '/returns', { status: filter.status });

export function useReturn(id: string) {
  const { headers, enabled } = useAuthHeaders();
  return useQuery({
    queryKey: keys.returns.one(id),
    queryFn: () => api<Return>(`/returns/${encodeURIComponent(id)}`, { headers }),
    enabled,
    retry: false,
  });
}

/** An order's returns, the end of its return window, and what may still be returned. */
export function useOrderReturns(orderId: string) {
  const { headers, enabled } = useAuthHeaders();
  return useQuery({
    queryKey: keys.returns.ofOrder(orderId),
    queryFn: () => api<OrderReturns>(`/orders/${encodeURIComponent(orderId)}/returns`, { headers }),
    enabled,
  });
}

export function useOrderRefunds(orderId: string) {
  const { headers, enabled } = useAuthHeaders();
  return useQuery({
    queryKey: keys.orders.refunds(orderId),
    queryFn: () => api<OrderRefunds>(`/orders/${encodeURIComponent(orderId)}/refunds`, { headers }),
    enabled,
  });
}

/** After a return or refund: the returns, the order (its version, refunded sum) and its history. */
function useRefreshAfter() {
  const client = useQueryClient();
  return (orderId: string) =>
    Promise.all([
      client.invalidateQueries({ queryKey: keys.returns.all() }),
      client.invalidateQueries({ queryKey: keys.orders.one(orderId) }),
      client.invalidateQueries({ queryKey: keys.orders.history(orderId) }),
      client.invalidateQueries({ queryKey: keys.orders.refunds(orderId) }),
    ]);
}

/** The customer asks to return items of their order. */
export function useRequestReturn(order: Pick<Order, 'id'>) {
  const { headers } = useAuthHeaders();
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: (body: RequestReturnBody) =>
      api<Return>(`/orders/${order.id}/returns`, { method: 'POST', headers, body: JSON.stringify(body) }),
    onSuccess: () => refresh(order.id),
  });
}

export type ReturnStep =
  | { step: 'approve' | 'reject' | 'close'; body: ReturnNoteBody }
  | { step: 'receive'; body: ReceiveReturnBody };

/** Staff move a return on: approve, reject, receive (restocking), close. */
export function useReturnStep() {
  const { headers } = useAuthHeaders();
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: ({ ret, step, body }: ReturnStep & { ret: Pick<Return, 'id'> }) =>
      api<Return>(`/returns/${ret.id}/${step}`, { method: 'POST', headers, body: JSON.stringify(body) }),
    onSuccess: (updated) => refresh(updated.orderId),
  });
}

/** An admin records a refund on the order, settling a received return if one is named. */
export function useRecordRefund(order: Pick<Order, 'id'>) {
  const { headers } = useAuthHeaders();
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: (body: RecordRefundBody) =>
      api<Refund>(`/orders/${order.id}/refunds`, { method: 'POST', headers, body: JSON.stringify(body) }),
    onSuccess: () => refresh(order.id),
  });
}
