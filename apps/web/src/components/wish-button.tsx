import { useWishlist, type Wishable } from '../hooks/api/wishlist.ts';

/** Saves a product to the wishlist, or takes it off: a toggle button, its state in aria-pressed. */
export function WishButton({ product }: { product: Wishable }) {
  const wishlist = useWishlist();
  if (!wishlist.available) return null;
  const saved = wishlist.has(product.id);
  return (
    <button
      type="button"
      className="secondary"
      aria-pressed={saved}
      aria-label={`Save ${product.name} to wishlist`}
      onClick={() => wishlist.toggle(product)}
    >
      {saved ? '♥ Saved' : '♡ Save'}
    </button>
  );
}
