import { type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ListState, ShowMore } from '../../components/list-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ProductImage } from '../../components/product-image.tsx';
import { StockLabel } from '../../components/stock-label.tsx';
import { Button } from '../../components/ui/button.tsx';
import { WishButton } from '../../components/wish-button.tsx';
import { useCart } from '../../hooks/api/cart.ts';
import { useProducts } from '../../hooks/api/products.ts';
import { formatMoney } from '../../lib/api.ts';

export function CatalogPage() {
  // The search lives in the address, so a reload or a shared link shows the same results.
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const products = useProducts(q);
  const cart = useCart();

  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('q');
    const next = typeof value === 'string' ? value.trim() : '';
    setParams(next ? { q: next } : {});
  };

  return (
    <section aria-labelledby="catalog-title">
      <PageHeading id="catalog-title" title={q ? `Catalog: “${q}”` : 'Catalog'}>
        Catalog
      </PageHeading>
      <form role="search" onSubmit={search} className="mb-4 flex flex-wrap items-center gap-2">
        <label htmlFor="catalog-search" className="sr-only">
          Search products
        </label>
        <input
          id="catalog-search"
          name="q"
          type="search"
          key={q}
          defaultValue={q}
          placeholder="Search products"
          className="h-10 w-full max-w-sm px-3"
        />
        <Button type="submit">Search</Button>
      </form>
      <ListState list={products} what="products" empty={`No products match “${q}”.`} />
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
        {products.items.map((product) => (
          <li key={product.id} className="flex flex-col gap-2 rounded-lg border border-border bg-card p-3">
            <ProductImage url={product.imageUrl} />
            <h2 className="m-0 text-base">
              <Link to={`/products/${product.id}`}>{product.name}</Link>
            </h2>
            <p className="m-0 font-semibold">{formatMoney(product.priceCents, product.currency)}</p>
            <StockLabel stock={product.stock} />
            <div className="mt-auto flex items-center gap-1">
              <Button
                size="sm"
                className="flex-1"
                disabled={product.stock === 0}
                aria-label={`Add ${product.name} to cart`}
                onClick={() => cart.add(product)}
              >
                Add to cart
              </Button>
              <WishButton product={product} />
            </div>
          </li>
        ))}
      </ul>
      <ShowMore list={products} />
      <p className="mt-6 text-muted-foreground">
        Not finding it? <Link to="/request">Ask for something made to order</Link>.
      </p>
    </section>
  );
}
