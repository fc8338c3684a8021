import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { LiveOrderEvent } from '@igniflo/contract';
import { connectEventStream, type StreamState } from '@igniflo/contract/event-stream';
import { useSession } from '../../lib/session.tsx';
import { applyLiveEvent, refetchAfterReconnect } from './live-cache.ts';

/**
 * The signed-in user's live stream (fetch with the Authorization header, resumed with
 * Last-Event-ID): each pushed event is written into the cached orders and history.
 */
export function useLiveEvents(): StreamState | null {
  const { accessToken } = useSession();
  const client = useQueryClient();
  const [state, setState] = useState<StreamState | null>(null);
  const signedIn = accessToken !== null;
  const token = useLatest(accessToken);
  useEffect(() => {
    if (!signedIn) return;
    const stream = connectEventStream({
      url: '/api/v1/events',
      headers: () => ({ authorization: `Bearer ${token.current ?? ''}` }),
      onStateChange: (next) => {
        setState(next);
        if (next === 'open') refetchAfterReconnect(client);
      },
      onMessage: (message) => {
        if (message.event === 'order') applyLiveEvent(client, JSON.parse(message.data) as LiveOrderEvent);
      },
    });
    return () => stream.close();
  }, [client, signedIn, token]);
  return state;
}

/** A ref that always holds the latest value, for callbacks that outlive a render. */
function useLatest<T>(value: T) {
  const [ref] = useState(() => ({ current: value }));
  ref.current = value;
  return ref;
}
