import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, NavLink, Route, Routes } from 'react-router';
import { useLiveEvents } from './hooks/api/orders.ts';
import { SessionProvider, useSession } from './lib/session.tsx';
import { SignInPage } from './routes/account/sign-in-page.tsx';
import { CartPage } from './routes/cart/cart-page.tsx';
import { CheckoutPage } from './routes/cart/checkout-page.tsx';
import { useCart } from './hooks/api/cart.ts';
import { BoardPage } from './routes/staff/board-page.tsx';
import { DashboardPage } from './routes/admin/dashboard-page.tsx';
import { ProductsPage } from './routes/admin/products-page.tsx';
import { StaffOrderPage } from './routes/staff/staff-order-page.tsx';
import { CatalogPage } from './routes/catalog/catalog-page.tsx';
import { MyOrdersPage } from './routes/orders/my-orders-page.tsx';
import { OrderPage } from './routes/orders/order-page.tsx';
import { TrackFormPage } from './routes/track/track-form-page.tsx';
import { TrackPage } from './routes/track/track-page.tsx';

const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 10_000 } } });

/** Pages for signed-in users: wait for a stored session, else go to sign in. */
function SignedIn({ children }: { children: ReactNode }) {
  const { user, restoring } = useSession();
  if (restoring) return <p aria-busy="true">Signing you in…</p>;
  return user ? children : <Navigate to="/login" replace />;
}

function Header() {
  const { user, logout } = useSession();
  const live = useLiveEvents();
  const count = useCart().view.count;
  return (
    <header className="top">
      <strong className="brand">Igniflo</strong>
      <nav aria-label="Main">
        <NavLink to="/">Catalog</NavLink>
        <NavLink to="/track">Track an order</NavLink>
        {(!user || user.role === 'CUSTOMER') && <NavLink to="/cart">Cart ({count})</NavLink>}
        {user?.role === 'CUSTOMER' && <NavLink to="/orders">My orders</NavLink>}
        {user && user.role !== 'CUSTOMER' && <NavLink to="/staff">Order board</NavLink>}
        {user?.role === 'ADMIN' && <NavLink to="/admin">Admin</NavLink>}
        {!user && <NavLink to="/login">Sign in</NavLink>}
        {!user && <NavLink to="/register">Create account</NavLink>}
      </nav>
      {user && (
        <span className="who">
          {live === 'reconnecting' && <span role="status">Reconnecting…</span>}
          <span>{user.name}</span>
          <button type="button" className="link" onClick={() => void logout()}>
            Sign out
          </button>
        </span>
      )}
    </header>
  );
}

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
              <Route path="/" element={<CatalogPage />} />
              <Route path="/track" element={<TrackFormPage />} />
              <Route path="/track/:orderNumber" element={<TrackPage />} />
              <Route path="/cart" element={<CartPage />} />
              <Route
                path="/checkout"
                element={
                  <SignedIn>
                    <CheckoutPage />
                  </SignedIn>
                }
              />
              <Route
                path="/staff"
                element={
                  <SignedIn>
                    <BoardPage />
                  </SignedIn>
                }
              />
              <Route
                path="/staff/orders/:id"
                element={
                  <SignedIn>
                    <StaffOrderPage />
                  </SignedIn>
                }
              />
              <Route
                path="/admin"
                element={
                  <SignedIn>
                    <DashboardPage />
                  </SignedIn>
                }
              />
              <Route
                path="/admin/products"
                element={
                  <SignedIn>
                    <ProductsPage />
                  </SignedIn>
                }
              />
              <Route path="/login" element={<SignInPage mode="login" />} />
              <Route path="/register" element={<SignInPage mode="register" />} />
              <Route
                path="/orders"
                element={
                  <SignedIn>
                    <MyOrdersPage />
                  </SignedIn>
                }
              />
              <Route
                path="/orders/:id"
                element={
                  <SignedIn>
                    <OrderPage />
                  </SignedIn>
                }
              />
              <Route path="*" element={<p role="alert">This page does not exist.</p>} />
            </Routes>
          </main>
        </BrowserRouter>
      </SessionProvider>
    </QueryClientProvider>
  );
}
