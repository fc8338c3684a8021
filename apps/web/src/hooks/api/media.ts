import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Media } from '@igniflo/contract';
import { api, ApiError } from '../../lib/api.ts';
import { useAuthHeaders } from '../../lib/session.tsx';
import { keys } from './query-keys.ts';

export function useOrderMedia(orderId: string) {
  const { headers, enabled } = useAuthHeaders();
  return useQuery({
    queryKey: keys.orders.media(orderId),
    queryFn: () => api<{ items: Media[] }>(`/orders/${orderId}/media`, { headers }),
    enabled,
  });
}

/**
 * Uploads one file with XMLHttpRequest, whose upload events give the progress fetch cannot;
 * `progress` runs from 0 to 1 while the upload is under way.
 */
export function useUploadMedia(orderId: string) {
  const { headers } = useAuthHeaders();
  const client = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const upload = useMutation({
    mutationFn: (file: File) =>
      new Promise<Media>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `/api/v1/orders/${orderId}/media`);
        xhr.setRequestHeader('authorization', headers.authorization);
        xhr.responseType = 'json';
        xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(e.loaded / e.total);
        xhr.onload = () => {
          const body = xhr.response as (Media & { error?: { code: string; message: string } }) | null;
          if (xhr.status === 201 && body) resolve(body);
          else
            reject(
              new ApiError(xhr.status, body?.error?.code ?? 'ERROR', body?.error?.message ?? 'Upload failed'),
            );
        };
        xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The upload was interrupted'));
        const form = new FormData();
        form.append('file', file);
        setProgress(0);
        xhr.send(form);
      }),
    onSettled: () => {
      setProgress(null);
      return client.invalidateQueries({ queryKey: keys.orders.media(orderId) });
    },
  });
  return { upload, progress };
}

/** Deletes a file (its uploader or an admin may); the order's files are fetched again either way. */
export function useDeleteMedia(orderId: string) {
  const { headers } = useAuthHeaders();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (mediaId: string) => api<void>(`/media/${mediaId}`, { method: 'DELETE', headers }),
    onSettled: () => client.invalidateQueries({ queryKey: keys.orders.media(orderId) }),
  });
}

/** A file behind the API's Authorization header, as an object URL an <img> or <a> can use. */
export const useMediaUrl = (mediaId: string, variant: 'original' | 'thumbnail', wanted = true) =>
  useObjectUrl(keys.media(mediaId, variant), `/api/v1/media/${mediaId}?variant=${variant}`, wanted);

/**
 * What `url` answers, fetched with the Authorization header (an <img> cannot send it), as an object
 * URL; null until it has loaded. Each URL is fetched once: the caller's URLs change with the file.
 */
export function useObjectUrl(queryKey: readonly unknown[], url: string, wanted = true) {
  const { headers, enabled: signedIn } = useAuthHeaders();
  const enabled = signedIn && wanted;
  const blob = useQuery({
    queryKey,
    queryFn: async () => {
      const response = await fetch(url, { headers });
      if (!response.ok) throw new ApiError(response.status, 'ERROR', 'The file could not be loaded');
      return response.blob();
    },
    enabled,
    staleTime: Infinity,
  });
  const [objectUrl, setObjectUrl] = useState<string | null>(null);
  useEffect(() => {
    // A new URL has no data yet: nothing is shown rather than the last file's revoked URL.
    if (!blob.data) return setObjectUrl(null);
    const created = URL.createObjectURL(blob.data);
    setObjectUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [blob.data]);
  return enabled ? objectUrl : null;
}
