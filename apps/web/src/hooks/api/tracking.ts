import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TrackEvent, Tracking } from '@igniflo/contract';
import { connectEventStream, type StreamState } from '@igniflo/contract/event-stream';
import { api } from '../../lib/api.ts';
import { keys } from './query-keys.ts';

export function useTracking(orderNumber: string) {
  return useQuery({
    queryKey: keys.tracking(orderNumber),
    queryFn: () => api<Tracking>(`/track/${encodeURIComponent(orderNumber)}`),
    retry: false,
  });
}

/**
 * Keeps a tracking page live: each status change pushed by the server is written into the cached
 * tracking data, and each package event has the packages read again. The stream resumes with Last-Event-ID and reconnects with backoff by itself.
 */
export function useLiveTracking(orderNumber: string, enabled: boolean): StreamState {
  const client = useQueryClient();
  const [state, setState] = useState<StreamState>('connecting');
  useEffect(() => {
    if (!enabled) return;
    const stream = connectEventStream({
      url: `/api/v1/track/${encodeURIComponent(orderNumber)}/events`,
      onStateChange: (next) => {
        setState(next);
        // Whatever changed before the stream opened, or while it was down, is fetched again.
        if (next === 'open') void client.invalidateQueries({ queryKey: keys.tracking(orderNumber) });
      },
      onMessage: (message) => {
        const key = keys.tracking(orderNumber);
        // A package left or has news: the packages are read again.
        if (message.event === 'package') void client.invalidateQueries({ queryKey: key });
        if (message.event !== 'status') return;
        const event = JSON.parse(message.data) as TrackEvent;
        // The event carries the status; the carrier, tracking number and date that usually change
        // with it are read again. Invalidating also restarts a fetch already under way, which may
        // have read the order before this change.
        void client.invalidateQueries({ queryKey: key });
        client.setQueryData<Tracking>(key, (current) =>
          current && !current.timeline.some((t) => t.at === event.at && t.status === event.status)
            ? {
                ...current,
                status: event.status,
                updatedAt: event.at,
                timeline: [...current.timeline, { status: event.status, at: event.at }],
              }
            : current,
        );
      },
    });
    return () => stream.close();
  }, [client, orderNumber, enabled]);
  return state;
}
