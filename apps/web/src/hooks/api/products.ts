import { useQuery } from '@tanstack/react-query';
import type { Product } from '@igniflo/contract';
import { api } from '../../lib/api.ts';
import { usePagedList } from './paged.ts';
import { keys } from './query-keys.ts';

export const useProducts = (q: string) =>
  usePagedList<Product>(keys.products.list(q), '/products', { q }, { signedIn: false, limit: 24 });

export function useProduct(id: string) {
  return useQuery({
    queryKey: keys.products.one(id),
    queryFn: () => api<Product>(`/products/${encodeURIComponent(id)}`),
    retry: false,
  });
}
