import { Link } from 'react-router';
import { Skeleton } from '../../components/list-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { StockLabel } from '../../components/stock-label.tsx';
import { Button } from '../../components/ui/button.tsx';
import { notify } from '../../components/ui/toaster.tsx';
import { WishButton } from '../../components/wish-button.tsx';
import { useCart } from '../../hooks/api/cart.ts';
import { useWishlist } from '../../hooks/api/wishlist.ts';
import { formatMoney } from '../../lib/api.ts';

/** Saved products with their stock, each one click from the cart. */
export function WishlistPage() {
  const wishlist = useWishlist();
  const cart = useCart();
  return (
    <section aria-labelledby="wishlist-title" className="max-w-3xl">
      <PageHeading id="wishlist-title" title="Wishlist" />
      {wishlist.isPending && <Skeleton label="Loading your wishlist" />}
      {wishlist.error && <p role="alert">{wishlist.error.message}</p>}
      {!wishlist.isPending && wishlist.items.length === 0 && (
        <p>
          Nothing saved yet. Save products from the <Link to="/">catalog</Link> to find them here.
        </p>
      )}
      <ul>
        {wishlist.items.map((item) => (
          <li
            key={item.productId}
            className="flex flex-wrap items-center gap-x-4 gap-y-1 border-t border-border py-3"
          >
            <span className="min-w-48 flex-1">
              <Link to={`/products/${item.productId}`}>{item.name}</Link>
              {item.available !== null && <StockLabel stock={item.available} />}
            </span>
            <span className="font-semibold">{formatMoney(item.priceCents, item.currency)}</span>
            <Button
              size="sm"
              disabled={item.available === 0}
              aria-label={`Add ${item.name} to cart`}
              onClick={() => {
                cart.add({
                  id: item.productId,
                  name: item.name,
                  priceCents: item.priceCents,
                  currency: item.currency,
                });
                notify('success', `${item.name} is in your cart.`);
              }}
            >
              Add to cart
            </Button>
            <WishButton product={{ ...item, id: item.productId }} />
          </li>
        ))}
      </ul>
    </section>
  );
}
