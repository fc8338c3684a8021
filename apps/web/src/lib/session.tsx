/**
 * The signed-in session for React: a SessionKeeper (./session-keeper.ts) per page keeps the access
 * token in memory and the refresh token in an HttpOnly cookie; nothing token-like is ever stored
 * in localStorage, sessionStorage or a readable cookie.
 */
import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { LoginBody, OtpVerifyBody, RegisterBody, Session, User } from '@igniflo/contract';
import { useQueryClient } from '@tanstack/react-query';
import { api } from './api.ts';
import { emptyGuestCart, guestCart, mergeRequest } from './guest-cart.ts';
import { emptyGuestWishlist, guestWishlist, wishlistMergeRequest } from './guest-wishlist.ts';
import { SessionKeeper } from './session-keeper.ts';

interface SessionValue {
  user: User | null;
  accessToken: string | null;
  /** True until the session has been restored from the refresh cookie or found missing. */
  restoring: boolean;
  login: (email: string, password: string) => Promise<User>;
  register: (name: string, email: string, password: string) => Promise<User>;
  /** Signs in with a code sent by text message; the first sign-in creates the account. */
  /** `name` names the account if this code creates one. */
  loginWithPhone: (phone: string, code: string, name?: string) => Promise<User>;
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

/** Opens a session in cookie mode: the refresh token never reaches this page's scripts. */
const openSession = (path: string, body: LoginBody | RegisterBody | OtpVerifyBody) =>
  api<Session>(path, { method: 'POST', body: JSON.stringify({ ...body, mode: 'cookie' }) });

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  // Another account (or none): nothing cached for the previous one may show.
  const [keeper] = useState(() => new SessionKeeper({ onAccountChange: () => queryClient.clear() }));
  const { session, restoring } = useSyncExternalStore(keeper.subscribe, () => keeper.snapshot);

  useEffect(() => {
    keeper.start();
    return () => keeper.stop();
  }, [keeper]);

  const value = useMemo<SessionValue>(() => {
    const signIn = async (path: string, body: LoginBody | RegisterBody | OtpVerifyBody) => {
      const next = await mergeGuestData(await openSession(path, body));
      keeper.signedIn(next);
      return next.user;
    };
    return {
      user: session?.user ?? null,
      accessToken: session?.accessToken ?? null,
      restoring,
      login: (email, password) => signIn('/auth/login', { email, password }),
      register: (name, email, password) => signIn('/auth/register', { name, email, password }),
      loginWithPhone: (phone, code, name) =>
        signIn('/auth/otp/verify', { phone, code, ...(name ? { name } : {}) }),
      updateUser: (user) => keeper.updateUser(user),
      logout: () => keeper.signOut(),
    };
  }, [keeper, session, restoring]);
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
