import { useSyncExternalStore } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Product, Wishlist } from '@igniflo/contract';
import { api } from '../../lib/api.ts';
import { guestWishlist, toggleWish } from '../../lib/guest-wishlist.ts';
import { useAuthHeaders, useSession } from '../../lib/session.tsx';
import { keys } from './query-keys.ts';

/** What the wishlist needs of a product: the catalog's, or a wishlist line's. */
export type Wishable = Pick<Product, 'id' | 'name' | 'priceCents' | 'currency'> & Partial<Product>;

export interface WishView {
  productId: string;
  name: string;
  priceCents: number;
  currency: string;
  /** Units in stock, when the server has said. */
  available: number | null;
}

/** The wishlist of whoever is here: the account's on the server, or the guest's in this browser. */
export function useWishlist() {
  const { user } = useSession();
  const { headers, enabled } = useAuthHeaders();
  const client = useQueryClient();
  const guest = useSyncExternalStore(guestWishlist.subscribe, guestWishlist.get);
  const customer = enabled && user?.role === 'CUSTOMER';
  const server = useQuery({
    queryKey: keys.wishlist(),
    queryFn: () => api<Wishlist>('/wishlist', { headers }),
    enabled: customer,
  });

  /** Optimistic: the heart changes at once and changes back if the server refuses. */
  const toggle = useMutation({
    mutationFn: ({ product, on }: { product: Wishable; on: boolean }) =>
      on
        ? api<Wishlist>('/wishlist/items', {
            method: 'POST',
            headers,
            body: JSON.stringify({ productId: product.id }),
          })
        : api<Wishlist>(`/wishlist/items/${product.id}`, { method: 'DELETE', headers }),
    onMutate: async ({ product, on }) => {
      await client.cancelQueries({ queryKey: keys.wishlist() });
      const before = client.getQueryData<Wishlist>(keys.wishlist());
      if (before) {
        const items = on
          ? [
              ...before.items,
              {
                productId: product.id,
                sku: product.sku ?? '',
                name: product.name,
                imageUrl: product.imageUrl ?? null,
                priceCents: product.priceCents,
                currency: product.currency,
                available: product.stock ?? 0,
                active: product.active ?? true,
                addedAt: new Date().toISOString(),
              },
            ]
          : before.items.filter((w) => w.productId !== product.id);
        client.setQueryData<Wishlist>(keys.wishlist(), { items });
      }
      return { before };
    },
    onError: (_error, _input, context) => client.setQueryData(keys.wishlist(), context?.before),
    onSuccess: (wishlist) => client.setQueryData(keys.wishlist(), wishlist),
    // A rollback restores the list as it was before this change, possibly undoing a later one
    // that succeeded: the server's list settles it.
    onSettled: () => client.invalidateQueries({ queryKey: keys.wishlist() }),
  });

  const items: WishView[] = enabled
    ? (server.data?.items ?? []).map((w) => ({ ...w }))
    : guest.items.map((w) => ({ ...w, available: null }));

  return {
    items,
    isPending: enabled && server.isPending,
    error: server.error ?? toggle.error,
    /** Staff and admins keep no wishlist. */
    available: !enabled || customer,
    has: (productId: string) => items.some((w) => w.productId === productId),
    toggle(product: Wishable) {
      const on = !items.some((w) => w.productId === product.id);
      if (!enabled) {
        guestWishlist.set(
          toggleWish(guestWishlist.get(), {
            productId: product.id,
            name: product.name,
            priceCents: product.priceCents,
            currency: product.currency,
          }),
        );
      } else toggle.mutate({ product, on });
    },
  };
}
