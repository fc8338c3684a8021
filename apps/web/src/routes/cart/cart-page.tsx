import { Link } from 'react-router';
import { Trash2 } from 'lucide-react';
import { PageHeading } from '../../components/page-heading.tsx';
import { Button, buttonVariants } from '../../components/ui/button.tsx';
import { useCart } from '../../hooks/api/cart.ts';
import { formatMoney } from '../../lib/api.ts';

const STATUS_TEXT: Record<string, string> = {
  out_of_stock: 'Sold out: remove it to check out',
  insufficient_stock: 'Fewer left than you want: lower the quantity',
  unavailable: 'No longer sold: remove it to check out',
};

export function CartPage() {
  const cart = useCart();
  const { view } = cart;
  const money = (cents: number) => formatMoney(cents, view.currency);
  return (
    <section aria-labelledby="cart-title" className="max-w-3xl">
      <PageHeading id="cart-title" title="Cart" />
      {cart.error && <p role="alert">Could not change the cart: {cart.error.message}</p>}
      {view.lines.length === 0 ? (
        <p>
          Your cart is empty. <Link to="/">Browse the catalog</Link>.
        </p>
      ) : (
        <>
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">Items in your cart</caption>
            <thead className="text-sm text-muted-foreground">
              <tr>
                <th scope="col" className="py-2 font-medium">
                  Item
                </th>
                <th scope="col" className="py-2 text-right font-medium">
                  Price
                </th>
                <th scope="col" className="py-2 text-right font-medium">
                  Quantity
                </th>
                <th scope="col" className="py-2 text-right font-medium">
                  Total
                </th>
                <th scope="col" className="py-2">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {view.lines.map((line) => (
                <tr key={line.productId} className="border-t border-border align-top">
                  <td className="py-2">
                    <Link to={`/products/${line.productId}`}>{line.name}</Link>
                    {line.status !== 'ok' && (
                      <span className="block text-sm font-semibold text-destructive">
                        {STATUS_TEXT[line.status] ?? line.status.replace(/_/g, ' ')}
                      </span>
                    )}
                  </td>
                  <td className="py-2 text-right">{money(line.unitPriceCents)}</td>
                  <td className="py-2 text-right">
                    <label>
                      <span className="sr-only">Quantity of {line.name}</span>
                      <input
                        type="number"
                        min={0}
                        max={1000}
                        className="h-9 w-20 px-2 text-right"
                        value={line.quantity}
                        onChange={(e) =>
                          // An emptied field is a number being typed, not a removal.
                          e.target.value !== '' &&
                          cart.setQuantity(line.productId, Math.max(0, Math.floor(Number(e.target.value))))
                        }
                      />
                    </label>
                  </td>
                  <td className="py-2 text-right">{money(line.lineTotalCents)}</td>
                  <td className="py-2 text-right">
                    <Button
                      variant="ghost"
                      size="icon"
                      aria-label={`Remove ${line.name}`}
                      onClick={() => cart.setQuantity(line.productId, 0)}
                    >
                      <Trash2 aria-hidden="true" />
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="border-t-2 border-border font-semibold">
                <th scope="row" colSpan={3} className="py-2 text-right">
                  Total
                </th>
                <td className="py-2 text-right">{money(view.totalCents)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
          <div className="mt-4 flex justify-end">
            {cart.signedIn ? (
              <Link className={buttonVariants()} to="/checkout">
                Check out
              </Link>
            ) : (
              <p>
                <Link to="/register" state={{ from: '/checkout' }}>
                  Create an account
                </Link>{' '}
                or{' '}
                <Link to="/login" state={{ from: '/checkout' }}>
                  sign in
                </Link>{' '}
                to check out; your cart comes with you.
              </p>
            )}
          </div>
        </>
      )}
    </section>
  );
}
