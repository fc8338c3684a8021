import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { useAuthHeaders } from '../../lib/session.tsx';

export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A cursor-paginated list (SPEC §5 pages), fetched a page at a time with "Show more"; empty
 * parameters are left out. `signedIn` lists wait for a session and send its token.
 */
export function usePagedList<T>(
  queryKey: readonly unknown[],
  path: string,
  params: Record<string, string | undefined>,
  { signedIn = true, limit = 20 }: { signedIn?: boolean; limit?: number } = {},
) {
  const { headers, enabled } = useAuthHeaders();
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => {
      const search = new URLSearchParams({ limit: String(limit) });
      for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
      if (pageParam) search.set('cursor', pageParam);
      return api<PageOf<T>>(`${path}?${search}`, signedIn ? { headers } : {});
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !signedIn || enabled,
  });
  return { ...query, items: query.data?.pages.flatMap((page) => page.items) ?? [] };
}
