import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useAuthHeaders } from '../../lib/session.tsx';

/** A change that answers with the changed thing; the lists showing it are fetched again. */
export function useChange<Input, Output>(
  request: (input: Input, headers: Record<string, string>) => Promise<Output>,
  refetch: readonly (readonly unknown[])[],
) {
  const { headers } = useAuthHeaders();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Input) => request(input, headers),
    onSuccess: () => Promise.all(refetch.map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}
