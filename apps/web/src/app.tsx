import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, NavLink, Route, Routes } from 'react-router';
import type { Role } from '@igniflo/contract';
import { useCart } from './hooks/api/cart.ts';
import { useNotifications } from './hooks/api/notifications.ts';
import { useLiveEvents } from './hooks/api/live.ts';
import { SessionProvider, useSession } from './lib/session.tsx';
import { NotificationsPage } from './routes/account/notifications-page.tsx';
import { ProfilePage } from './routes/account/profile-page.tsx';
import { SignInPage } from './routes/account/sign-in-page.tsx';
import { AuditPage } from './routes/admin/audit-page.tsx';
import { DashboardPage } from './routes/admin/dashboard-page.tsx';
import { AdminOrdersPage } from './routes/admin/orders-page.tsx';
import { ProductsPage } from './routes/admin/products-page.tsx';
import { UsersPage } from './routes/admin/users-page.tsx';
import { WebhooksPage } from './routes/admin/webhooks-page.tsx';
import { CartPage } from './routes/cart/cart-page.tsx';
import { CheckoutPage } from './routes/cart/checkout-page.tsx';
import { CatalogPage } from './routes/catalog/catalog-page.tsx';
import { ProductPage } from './routes/catalog/product-page.tsx';
import { MyOrdersPage } from './routes/orders/my-orders-page.tsx';
import { OrderPage } from './routes/orders/order-page.tsx';
import { BoardPage } from './routes/staff/board-page.tsx';
import { StaffOrderPage } from './routes/staff/staff-order-page.tsx';
import { TrackFormPage } from './routes/track/track-form-page.tsx';
import { TrackPage } from './routes/track/track-page.tsx';
import { WishlistPage } from './routes/wishlist/wishlist-page.tsx';

const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 10_000 } } });

/**
 * Pages for signed-in users: wait for the session to be restored, else go to sign in. The server
 * checks every request again; this only spares a user pages whose requests would be refused.
 */
function SignedIn({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { user, restoring } = useSession();
  if (restoring) return <p aria-busy="true">Signing you in…</p>;
  if (!user) return <Navigate to="/login" replace />;
  if (roles && !roles.includes(user.role)) return <p role="alert">This page is not open to your account.</p>;
  return children;
}

function NotificationBell() {
  const unread = useNotifications().unreadCount;
  return (
    <NavLink to="/notifications" className="bell" aria-label={`Notifications, ${unread} unread`}>
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {unread > 0 && (
        <span className="count" aria-hidden="true">
          {unread}
        </span>
      )}
    </NavLink>
  );
}

function Header() {
  const { user, restoring, logout } = useSession();
  const live = useLiveEvents();
  const count = useCart().view.count;
  const customer = !user || user.role === 'CUSTOMER';
  return (
    <header className="top">
      <strong className="brand">Igniflo</strong>
      <nav aria-label="Main">
        <NavLink to="/" end>
          Catalog
        </NavLink>
        <NavLink to="/track">Track an order</NavLink>
        {customer && <NavLink to="/wishlist">Wishlist</NavLink>}
        {customer && <NavLink to="/cart">Cart ({count})</NavLink>}
        {user?.role === 'CUSTOMER' && <NavLink to="/orders">My orders</NavLink>}
        {user && user.role !== 'CUSTOMER' && <NavLink to="/staff">Order board</NavLink>}
        {user?.role === 'ADMIN' && <NavLink to="/admin">Admin</NavLink>}
        {/* Not offered while the session is being restored: the visitor may well be signed in. */}
        {!user && !restoring && <NavLink to="/login">Sign in</NavLink>}
        {!user && !restoring && <NavLink to="/register">Create account</NavLink>}
      </nav>
      {user && (
        <span className="who">
          {live === 'reconnecting' && <span role="status">Reconnecting…</span>}
          {user.role === 'CUSTOMER' && <NotificationBell />}
          <NavLink to="/account">{user.name}</NavLink>
          <button type="button" className="link" onClick={() => void logout()}>
            Sign out
          </button>
        </span>
      )}
    </header>
  );
}

const STAFF: Role[] = ['STAFF', 'ADMIN'];
const ADMIN: Role[] = ['ADMIN'];

/** Every page: its path, its component, and who may open it (nobody signed in when absent). */
const PAGES: { path: string; page: ReactNode; roles?: Role[] | 'signed-in' }[] = [
  { path: '/', page: <CatalogPage /> },
  { path: '/products/:id', page: <ProductPage /> },
  { path: '/track', page: <TrackFormPage /> },
  { path: '/track/:orderNumber', page: <TrackPage /> },
  { path: '/cart', page: <CartPage /> },
  { path: '/wishlist', page: <WishlistPage /> },
  { path: '/login', page: <SignInPage mode="login" /> },
  { path: '/register', page: <SignInPage mode="register" /> },
  { path: '/checkout', page: <CheckoutPage />, roles: 'signed-in' },
  { path: '/orders', page: <MyOrdersPage />, roles: 'signed-in' },
  { path: '/orders/:id', page: <OrderPage />, roles: 'signed-in' },
  { path: '/notifications', page: <NotificationsPage />, roles: 'signed-in' },
  { path: '/account', page: <ProfilePage />, roles: 'signed-in' },
  { path: '/staff', page: <BoardPage />, roles: STAFF },
  { path: '/staff/orders/:id', page: <StaffOrderPage />, roles: STAFF },
  { path: '/admin', page: <DashboardPage />, roles: ADMIN },
  { path: '/admin/products', page: <ProductsPage />, roles: ADMIN },
  { path: '/admin/orders', page: <AdminOrdersPage />, roles: ADMIN },
  { path: '/admin/users', page: <UsersPage />, roles: ADMIN },
  { path: '/admin/webhooks', page: <WebhooksPage />, roles: ADMIN },
  { path: '/admin/audit', page: <AuditPage />, roles: ADMIN },
];

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <BrowserRouter>
          <a className="skip" href="#main">
            Skip to content
          </a>
          <Header />
          <main id="main">
            <Routes>
              {PAGES.map(({ path, page, roles }) => (
                <Route
                  key={path}
                  path={path}
                  element={
                    roles ? (
                      <SignedIn roles={roles === 'signed-in' ? undefined : roles}>{page}</SignedIn>
                    ) : (
                      page
                    )
                  }
                />
              ))}
              <Route path="*" element={<p role="alert">This page does not exist.</p>} />
            </Routes>
          </main>
        </BrowserRouter>
      </SessionProvider>
    </QueryClientProvider>
  );
}
