import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, NavLink, Route, Routes } from 'react-router';
import { CatalogPage } from './routes/catalog/catalog-page.tsx';
import { TrackFormPage } from './routes/track/track-form-page.tsx';
import { TrackPage } from './routes/track/track-page.tsx';

const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 10_000 } } });

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <a className="skip" href="#main">
          Skip to content
        </a>
        <header className="top">
          <strong className="brand">Igniflo</strong>
          <nav aria-label="Main">
            <NavLink to="/">Catalog</NavLink>
            <NavLink to="/track">Track an order</NavLink>
          </nav>
        </header>
        <main id="main">
          <Routes>
            <Route path="/" element={<CatalogPage />} />
            <Route path="/track" element={<TrackFormPage />} />
            <Route path="/track/:orderNumber" element={<TrackPage />} />
            <Route path="*" element={<p role="alert">This page does not exist.</p>} />
          </Routes>
        </main>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
