import { PageHeading } from '../../components/page-heading.tsx';
import { Link } from 'react-router';
import { useCart } from '../../hooks/api/cart.ts';
import { formatMoney } from '../../lib/api.ts';

export function CartPage() {
  const cart = useCart();
  const { view } = cart;
  return (
    <section aria-labelledby="cart-title">
      <PageHeading id="cart-title" title="Cart" />
      {cart.error && <p role="alert">Could not change the cart: {cart.error.message}</p>}
      {view.lines.length === 0 ? (
        <p className="empty">
          Your cart is empty. <Link to="/">Browse the catalog</Link>.
        </p>
      ) : (
        <>
          <ul className="rows">
            {view.lines.map((line) => (
              <li key={line.productId}>
                <span>{line.name}</span>
                <label>
                  <span className="visually-hidden">Quantity of {line.name}</span>
                  <input
                    type="number"
                    min={0}
                    max={1000}
                    value={line.quantity}
                    onChange={(e) =>
                      // An emptied field is a number being typed, not a removal.
                      e.target.value !== '' &&
                      cart.setQuantity(line.productId, Math.max(0, Math.floor(Number(e.target.value))))
                    }
                  />
                </label>
                <span>{formatMoney(line.lineTotalCents, view.currency)}</span>
                {line.status !== 'ok' && <span className="stock out">{line.status.replace(/_/g, ' ')}</span>}
                <button type="button" className="link" onClick={() => cart.setQuantity(line.productId, 0)}>
                  Remove {line.name}
                </button>
              </li>
            ))}
          </ul>
          <p>
            Total: <strong>{formatMoney(view.totalCents, view.currency)}</strong>
          </p>
          {cart.signedIn ? (
            <Link className="button" to="/checkout">
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
        </>
      )}
    </section>
  );
}
