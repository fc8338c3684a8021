import { useSyncExternalStore } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Cart, Product } from '@igniflo/contract';
import { api } from '../../lib/api.ts';
import { addLine, guestCart, setQuantity } from '../../lib/guest-cart.ts';
import { useSession } from '../../lib/session.tsx';
import { keys } from './query-keys.ts';

export interface CartView {
  lines: {
    productId: string;
    name: string;
    quantity: number;
    unitPriceCents: number;
    lineTotalCents: number;
    status: string;
  }[];
  totalCents: number;
  currency: string;
  count: number;
}

/** The cart of whoever is here: the account's on the server, or the guest's in this browser. */
export function useCart() {
  const { accessToken, user } = useSession();
  const client = useQueryClient();
  const guestState = useSyncExternalStore(guestCart.subscribe, guestCart.get);
  const headers = { authorization: `Bearer ${accessToken ?? ''}` };
  const server = useQuery({
    queryKey: keys.cart(),
    queryFn: () => api<Cart>('/cart', { headers }),
    // Staff and admins have no cart.
    enabled: accessToken !== null && user?.role === 'CUSTOMER',
  });

  /** Optimistic: the cart changes at once and rolls back if the server refuses. */
  const change = useMutation({
    mutationFn: (input: { productId: string; quantity: number; mode: 'add' | 'set' }) =>
      input.mode === 'add'
        ? api<Cart>('/cart/items', {
            method: 'POST',
            headers,
            body: JSON.stringify({ productId: input.productId, quantity: input.quantity }),
          })
        : input.quantity > 0
          ? api<Cart>(`/cart/items/${input.productId}`, {
              method: 'PATCH',
              headers,
              body: JSON.stringify({ quantity: input.quantity }),
            })
          : api<Cart>(`/cart/items/${input.productId}`, { method: 'DELETE', headers }),
    onMutate: async (input) => {
      await client.cancelQueries({ queryKey: keys.cart() });
      const before = client.getQueryData<Cart>(keys.cart());
      if (before) {
        const items = before.items
          .map((l) =>
            l.productId === input.productId
              ? { ...l, quantity: input.mode === 'add' ? l.quantity + input.quantity : input.quantity }
              : l,
          )
          .filter((l) => l.quantity > 0);
        client.setQueryData<Cart>(keys.cart(), {
          ...before,
          items,
          itemCount: items.reduce((n, l) => n + l.quantity, 0),
        });
      }
      return { before };
    },
    onError: (_error, _input, context) => client.setQueryData(keys.cart(), context?.before),
    onSuccess: (cart) => client.setQueryData(keys.cart(), cart),
    // A rollback restores the cart as it was before this change, possibly undoing a later one
    // that succeeded: the server's cart settles it.
    onSettled: () => client.invalidateQueries({ queryKey: keys.cart() }),
  });

  const view: CartView =
    accessToken !== null
      ? {
          lines: (server.data?.items ?? []).map((l) => ({
            productId: l.productId,
            name: l.name,
            quantity: l.quantity,
            unitPriceCents: l.unitPriceCents,
            lineTotalCents: l.lineTotalCents,
            status: l.status,
          })),
          totalCents: server.data?.totalCents ?? 0,
          currency: server.data?.currency ?? 'USD',
          count: server.data?.itemCount ?? 0,
        }
      : {
          lines: guestState.lines.map((l) => ({
            productId: l.productId,
            name: l.name,
            quantity: l.quantity,
            unitPriceCents: l.unitPriceCents,
            lineTotalCents: l.unitPriceCents * l.quantity,
            status: 'ok',
          })),
          totalCents: guestState.lines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0),
          currency: guestState.lines[0]?.currency ?? 'USD',
          count: guestState.lines.reduce((n, l) => n + l.quantity, 0),
        };

  return {
    view,
    signedIn: accessToken !== null,
    /** The signed-in cart is still on its way: its view is not yet what the server holds. */
    loading: accessToken !== null && server.isPending,
    error: change.error,
    add(product: Pick<Product, 'id' | 'name' | 'priceCents' | 'currency'>, quantity = 1) {
      if (accessToken === null) {
        guestCart.set(
          addLine(guestCart.get(), {
            productId: product.id,
            quantity,
            name: product.name,
            unitPriceCents: product.priceCents,
            currency: product.currency,
          }),
        );
      } else change.mutate({ productId: product.id, quantity, mode: 'add' });
    },
    setQuantity(productId: string, quantity: number) {
      if (accessToken === null) guestCart.set(setQuantity(guestCart.get(), productId, quantity));
      else change.mutate({ productId, quantity, mode: 'set' });
    },
  };
}
