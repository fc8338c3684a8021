import { Heart } from 'lucide-react';
import { useWishlist, type Wishable } from '../hooks/api/wishlist.ts';
import { Button } from './ui/button.tsx';

/** Saves a product to the wishlist, or takes it off: a toggle button, its state in aria-pressed. */
export function WishButton({ product }: { product: Wishable }) {
  const wishlist = useWishlist();
  if (!wishlist.available) return null;
  const saved = wishlist.has(product.id);
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-pressed={saved}
      aria-label={`Save ${product.name} to wishlist`}
      title={saved ? 'Saved to your wishlist' : 'Save to your wishlist'}
      onClick={() => wishlist.toggle(product)}
    >
      <Heart aria-hidden="true" className={saved ? 'fill-destructive text-destructive' : undefined} />
    </Button>
  );
}
