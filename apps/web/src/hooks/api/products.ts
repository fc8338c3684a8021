import { useInfiniteQuery } from '@tanstack/react-query';
import type { Product } from '@igniflo/contract';
import { api } from '../../lib/api.ts';
import { queryKeys } from './query-keys.ts';

interface ProductPage {
  items: Product[];
  nextCursor: string | null;
}

export function useProducts(q: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.products(q),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: '24' });
      if (q) params.set('q', q);
      if (pageParam) params.set('cursor', pageParam);
      return api<ProductPage>(`/products?${params}`);
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
