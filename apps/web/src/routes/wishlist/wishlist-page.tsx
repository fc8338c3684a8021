import { PageHeading } from '../../components/page-heading.tsx';
import { Link } from 'react-router';
import { Skeleton } from '../../components/list-state.tsx';
import { WishButton } from '../../components/wish-button.tsx';
import { useWishlist } from '../../hooks/api/wishlist.ts';
import { formatMoney } from '../../lib/api.ts';

export function WishlistPage() {
  const wishlist = useWishlist();
  return (
    <section aria-labelledby="wishlist-title">
      <PageHeading id="wishlist-title" title="Wishlist" />
      {wishlist.isPending && <Skeleton label="Loading your wishlist" />}
      {wishlist.error && <p role="alert">{wishlist.error.message}</p>}
      {!wishlist.isPending && wishlist.items.length === 0 && (
        <p className="empty">
          Nothing saved yet. Save products from the <Link to="/">catalog</Link> to find them here.
        </p>
      )}
      <ul className="rows">
        {wishlist.items.map((item) => (
          <li key={item.productId}>
            <Link to={`/products/${item.productId}`}>{item.name}</Link>
            <span>{formatMoney(item.priceCents, item.currency)}</span>
            {item.available === 0 && <span className="stock out">Out of stock</span>}
            <WishButton product={{ ...item, id: item.productId }} />
          </li>
        ))}
      </ul>
    </section>
  );
}
