import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import type { Role } from '@igniflo/contract';
import { AppHeader } from './components/app-header.tsx';
import { Skeleton } from './components/list-state.tsx';
import { NotHere } from './components/not-here.tsx';
import { Toaster } from './components/ui/toaster.tsx';
import { VerifyEmailBanner } from './components/verify-email-banner.tsx';
import { ApiError } from './lib/api.ts';
import { SessionProvider, useSession } from './lib/session.tsx';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A refusal (4xx) is final; a lost connection or an outage is tried once more, then shown
      // with a "Try again" button rather than after seconds of skeleton.
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 1,
    },
  },
});

/** A page loaded with its route: the catalog's first visit does not download the admin. */
function page<M, P extends object = object>(load: () => Promise<M>, name: keyof M, props?: P) {
  const Page = lazy(async () => ({ default: (await load())[name] as ComponentType<P> }));
  return <Page {...(props as P)} />;
}

/**
 * Pages for signed-in users: wait for the session to be restored, else go to sign in. The server
 * checks every request again; this only spares a user pages whose requests would be refused.
 */
function SignedIn({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { user, restoring } = useSession();
  const { pathname, search } = useLocation();
  if (restoring) return <Skeleton label="Signing you in" />;
  // Sign-in brings the visitor back here (to checkout, say) rather than to their home page.
  if (!user) return <Navigate to="/login" replace state={{ from: pathname + search }} />;
  if (roles && !roles.includes(user.role)) return <NotHere reason="forbidden" />;
  return children;
}

const STAFF: Role[] = ['STAFF', 'ADMIN'];
const ADMIN: Role[] = ['ADMIN'];

/** Every page: its path, its component, and who may open it (nobody signed in when absent). */
const PAGES: { path: string; page: ReactNode; roles?: Role[] | 'signed-in' }[] = [
  { path: '/', page: page(() => import('./routes/catalog/catalog-page.tsx'), 'CatalogPage') },
  { path: '/products/:id', page: page(() => import('./routes/catalog/product-page.tsx'), 'ProductPage') },
  { path: '/track', page: page(() => import('./routes/track/track-form-page.tsx'), 'TrackFormPage') },
  { path: '/track/:orderNumber', page: page(() => import('./routes/track/track-page.tsx'), 'TrackPage') },
  { path: '/cart', page: page(() => import('./routes/cart/cart-page.tsx'), 'CartPage') },
  {
    path: '/unsubscribe',
    page: page(() => import('./routes/account/unsubscribe-page.tsx'), 'UnsubscribePage'),
  },
  {
    path: '/forgot-password',
    page: page(() => import('./routes/account/password-reset-pages.tsx'), 'ForgotPasswordPage'),
  },
  {
    path: '/reset-password',
    page: page(() => import('./routes/account/password-reset-pages.tsx'), 'ResetPasswordPage'),
  },
  {
    path: '/verify-email',
    page: page(() => import('./routes/account/email-link-pages.tsx'), 'VerifyEmailPage'),
  },
  {
    path: '/confirm-email',
    page: page(() => import('./routes/account/email-link-pages.tsx'), 'ConfirmEmailPage'),
  },
  { path: '/wishlist', page: page(() => import('./routes/wishlist/wishlist-page.tsx'), 'WishlistPage') },
  {
    path: '/login',
    page: page(() => import('./routes/account/sign-in-page.tsx'), 'SignInPage', { mode: 'login' }),
  },
  {
    path: '/register',
    page: page(() => import('./routes/account/sign-in-page.tsx'), 'SignInPage', { mode: 'register' }),
  },
  {
    path: '/checkout',
    page: page(() => import('./routes/cart/checkout-page.tsx'), 'CheckoutPage'),
    roles: 'signed-in',
  },
  {
    path: '/request',
    page: page(() => import('./routes/orders/request-page.tsx'), 'RequestPage'),
    roles: 'signed-in',
  },
  {
    path: '/orders',
    page: page(() => import('./routes/orders/my-orders-page.tsx'), 'MyOrdersPage'),
    roles: 'signed-in',
  },
  {
    path: '/orders/:id',
    page: page(() => import('./routes/orders/order-page.tsx'), 'OrderPage'),
    roles: 'signed-in',
  },
  {
    path: '/returns',
    page: page(() => import('./routes/returns/my-returns-page.tsx'), 'MyReturnsPage'),
    roles: 'signed-in',
  },
  {
    path: '/returns/:id',
    page: page(() => import('./routes/returns/return-page.tsx'), 'ReturnPage'),
    roles: 'signed-in',
  },
  {
    path: '/notifications',
    page: page(() => import('./routes/account/notifications-page.tsx'), 'NotificationsPage'),
    roles: 'signed-in',
  },
  {
    path: '/account',
    page: page(() => import('./routes/account/profile-page.tsx'), 'ProfilePage'),
    roles: 'signed-in',
  },
  { path: '/staff', page: page(() => import('./routes/staff/board-page.tsx'), 'BoardPage'), roles: STAFF },
  {
    path: '/staff/list',
    page: page(() => import('./routes/staff/orders-list.tsx'), 'StaffOrdersPage'),
    roles: STAFF,
  },
  {
    path: '/staff/returns',
    page: page(() => import('./routes/staff/returns-page.tsx'), 'ReturnsQueuePage'),
    roles: STAFF,
  },
  {
    path: '/staff/orders/:id',
    page: page(() => import('./routes/staff/staff-order-page.tsx'), 'StaffOrderPage'),
    roles: STAFF,
  },
  {
    path: '/admin',
    page: page(() => import('./routes/admin/dashboard-page.tsx'), 'DashboardPage'),
    roles: ADMIN,
  },
  {
    path: '/admin/products',
    page: page(() => import('./routes/admin/products-page.tsx'), 'ProductsPage'),
    roles: ADMIN,
  },
  {
    path: '/admin/orders',
    page: page(() => import('./routes/admin/orders-page.tsx'), 'AdminOrdersPage'),
    roles: ADMIN,
  },
  {
    path: '/admin/users',
    page: page(() => import('./routes/admin/users-page.tsx'), 'UsersPage'),
    roles: ADMIN,
  },
  {
    path: '/admin/webhooks',
    page: page(() => import('./routes/admin/webhooks-page.tsx'), 'WebhooksPage'),
    roles: ADMIN,
  },
  {
    path: '/admin/audit',
    page: page(() => import('./routes/admin/audit-page.tsx'), 'AuditPage'),
    roles: ADMIN,
  },
];

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <BrowserRouter>
          <a
            href="#main"
            className="sr-only rounded-md bg-card p-2 focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50"
          >
            Skip to content
          </a>
          <AppHeader />
          <main id="main" className="mx-auto max-w-6xl px-4 py-4">
            <VerifyEmailBanner />
            <Suspense fallback={<Skeleton label="Loading the page" />}>
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
                <Route path="*" element={<NotHere reason="missing" />} />
              </Routes>
            </Suspense>
          </main>
          <Toaster />
        </BrowserRouter>
      </SessionProvider>
    </QueryClientProvider>
  );
}
