import { useQuery } from '@tanstack/react-query';
import type { Product } from '@igniflo/contract';
import { api } from '../../lib/api.ts';
import { usePagedList } from './paged.ts';
import { queryKeys } from './query-keys.ts';

export const useProducts = (q: string) =>
  usePagedList<Product>(queryKeys.products(q), '/products', { q }, { signedIn: false, limit: 24 });

export function useProduct(id: string) {
  return useQuery({
    queryKey: queryKeys.product(id),
    queryFn: () => api<Product>(`/products/${encodeURIComponent(id)}`),
    retry: false,
  });
}
