/**
 * The signed-in session: the access token lives only in memory; the refresh token in localStorage
 * so a reload stays signed in. The access token is refreshed a minute before it expires; if the
 * server refuses that, or the user signs out in any tab, the session ends in every tab of this
 * browser (a refresh that fails for a network error or an outage is retried).
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
import { useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from './api.ts';
import { emptyGuestCart, guestCart, mergeRequest } from './guest-cart.ts';
import { emptyGuestWishlist, guestWishlist, wishlistMergeRequest } from './guest-wishlist.ts';

const REFRESH_KEY = 'igniflo.refreshToken';
const RETRY_REFRESH_MS = 10_000;

interface SessionValue {
  user: User | null;
  accessToken: string | null;
  /** True until a stored session has been restored or found missing. */
  restoring: boolean;
  login: (email: string, password: string) => Promise<User>;
  register: (name: string, email: string, password: string) => Promise<User>;
  /** Signs in with a code sent by text message; the first sign-in creates the account. */
  loginWithPhone: (phone: string, code: string) => Promise<User>;
  /** Shows the account as the server now has it, after a profile change. */
  updateUser: (user: User) => void;
  logout: () => Promise<void>;
}

/** Posts a guest list to its merge route; a failed merge keeps the list for the next sign-in. */
async function mergeGuestList(accessToken: string, path: string, body: object, clear: () => void) {
  try {
    await api(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
      body: JSON.stringify(body),
    });
    clear();
  } catch {
    // kept for the next sign-in
  }
}

/** At sign-in the guest's cart and wishlist join the account's. */
async function mergeGuestData(session: Session): Promise<Session> {
  if (session.user.role !== 'CUSTOMER') return session;
  const cart = guestCart.get();
  const wishlist = guestWishlist.get();
  await Promise.all([
    cart.lines.length > 0 &&
      mergeGuestList(session.accessToken, '/cart/merge', mergeRequest(cart), () =>
        guestCart.set(emptyGuestCart()),
      ),
    wishlist.items.length > 0 &&
      mergeGuestList(session.accessToken, '/wishlist/merge', wishlistMergeRequest(wishlist), () =>
        guestWishlist.set(emptyGuestWishlist()),
      ),
  ]);
  return session;
}

/** Runs `work` while no other tab of this browser runs work under the same name. */
async function oneTabAtATime(work: () => Promise<void>): Promise<void> {
  if ('locks' in navigator) await navigator.locks.request('igniflo.session-refresh', () => work());
  else await work();
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [restoring, setRestoring] = useState(() => localStorage.getItem(REFRESH_KEY) !== null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const queryClient = useQueryClient();
  const userId = useRef<string | null>(null);

  const adopt = useCallback(
    (next: Session | null) => {
      clearTimeout(timer.current);
      // Another account (or none): nothing cached for the previous one may show.
      if ((next?.user.id ?? null) !== userId.current) queryClient.clear();
      userId.current = next?.user.id ?? null;
      setSession(next);
      if (!next) {
        localStorage.removeItem(REFRESH_KEY);
        return;
      }
      localStorage.setItem(REFRESH_KEY, next.refreshToken);
      timer.current = setTimeout(() => void refresh(), Math.max(5, next.expiresIn - 60) * 1000);
    },
    [queryClient],
  );

  const refresh = useCallback(
    () =>
      // One tab refreshes at a time, each with the token the previous one stored: two tabs sending
      // the same refresh token would look like token theft, and the server would end the session.
      oneTabAtATime(async () => {
        const refreshToken = localStorage.getItem(REFRESH_KEY);
        if (!refreshToken) return adopt(null);
        try {
          adopt(
            await api<Session>('/auth/refresh', { method: 'POST', body: JSON.stringify({ refreshToken }) }),
          );
        } catch (failure) {
          // Only the server saying no ends the session; a network error or an outage is retried.
          if (failure instanceof ApiError && failure.status < 500) adopt(null);
          else timer.current = setTimeout(() => void refresh(), RETRY_REFRESH_MS);
        }
      }),
    [adopt],
  );

  // Signing out in one tab signs out every tab of this browser.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === REFRESH_KEY && event.newValue === null) adopt(null);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
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
        adopt(await mergeGuestData(next));
        return next.user;
      },
      register: async (name, email, password) => {
        const body = JSON.stringify({ name, email, password });
        const next = await api<Session>('/auth/register', { method: 'POST', body });
        adopt(await mergeGuestData(next));
        return next.user;
      },
      loginWithPhone: async (phone, code) => {
        const body = JSON.stringify({ phone, code });
        const next = await api<Session>('/auth/otp/verify', { method: 'POST', body });
        adopt(await mergeGuestData(next));
        return next.user;
      },
      updateUser: (user) => setSession((current) => (current ? { ...current, user } : current)),
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

/** The Authorization header of the signed-in user, and whether there is one to send. */
export function useAuthHeaders() {
  const { accessToken } = useSession();
  return { headers: { authorization: `Bearer ${accessToken ?? ''}` }, enabled: accessToken !== null };
}
