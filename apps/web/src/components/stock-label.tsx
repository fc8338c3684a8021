import { cn } from '../lib/cn.ts';

/** Few enough that a shopper should know; above it the exact count is the shop's business. */
export const LOW_STOCK = 5;

/** Stock as a shopper reads it: in stock, only a few left, or sold out (never the exact count). */
export function StockLabel({ stock }: { stock: number }) {
  const text = stock === 0 ? 'Sold out' : stock <= LOW_STOCK ? `Only ${stock} left` : 'In stock';
  return (
    <p
      className={cn(
        'm-0 text-sm',
        stock === 0 ? 'text-destructive' : stock <= LOW_STOCK ? 'text-warning' : 'text-success',
      )}
    >
      {text}
    </p>
  );
}
