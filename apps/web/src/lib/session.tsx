/**
 * The signed-in session: the access token lives only in memory; the refresh token in localStorage
 * so a reload stays signed in. The access token is refreshed a minute before it expires; if that
 * fails, the session ends everywhere in this browser.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { Session, User } from '@igniflo/contract';
import { api } from './api.ts';
import { emptyGuestCart, guestCart, mergeRequest } from './guest-cart.ts';

const REFRESH_KEY = 'igniflo.refreshToken';

interface SessionValue {
  user: User | null;
  accessToken: string | null;
  /** True until a stored session has been restored or found missing. */
  restoring: boolean;
  login: (email: string, password: string) => Promise<User>;
  register: (name: string, email: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
}

/** At sign-in the guest's cart joins the account's; a failed merge keeps it for the next sign-in. */
async function mergeGuestCart(session: Session): Promise<Session> {
  const cart = guestCart.get();
  if (cart.lines.length > 0 && session.user.role === 'CUSTOMER') {
    try {
      await api('/cart/merge', {
        method: 'POST',
        headers: { authorization: `Bearer ${session.accessToken}` },
        body: JSON.stringify(mergeRequest(cart)),
      });
      guestCart.set(emptyGuestCart());
    } catch {
      // kept for the next sign-in
    }
  }
  return session;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [restoring, setRestoring] = useState(() => localStorage.getItem(REFRESH_KEY) !== null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const adopt = useCallback((next: Session | null) => {
    clearTimeout(timer.current);
    setSession(next);
    if (!next) {
      localStorage.removeItem(REFRESH_KEY);
      return;
    }
    localStorage.setItem(REFRESH_KEY, next.refreshToken);
    timer.current = setTimeout(() => void refresh(), Math.max(5, next.expiresIn - 60) * 1000);
  }, []);

  const refresh = useCallback(async () => {
    const refreshToken = localStorage.getItem(REFRESH_KEY);
    if (!refreshToken) return adopt(null);
    try {
      adopt(await api<Session>('/auth/refresh', { method: 'POST', body: JSON.stringify({ refreshToken }) }));
    } catch {
      adopt(null);
    }
  }, [adopt]);

  useEffect(() => {
    if (localStorage.getItem(REFRESH_KEY)) void refresh().finally(() => setRestoring(false));
    return () => clearTimeout(timer.current);
  }, [refresh]);

  const value = useMemo<SessionValue>(
    () => ({
      user: session?.user ?? null,
      accessToken: session?.accessToken ?? null,
      restoring,
      login: async (email, password) => {
        const next = await api<Session>('/auth/login', {
          method: 'POST',
          body: JSON.stringify({ email, password }),
        });
        adopt(await mergeGuestCart(next));
        return next.user;
      },
      register: async (name, email, password) => {
        const body = JSON.stringify({ name, email, password });
        const next = await api<Session>('/auth/register', { method: 'POST', body });
        adopt(await mergeGuestCart(next));
        return next.user;
      },
      logout: async () => {
        if (session) {
          await api('/auth/logout', {
            method: 'POST',
            headers: { authorization: `Bearer ${session.accessToken}` },
          }).catch(() => undefined);
        }
        adopt(null);
      },
    }),
    [session, restoring, adopt],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
