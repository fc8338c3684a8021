import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import type { Order } from '@igniflo/contract';
import { useCart } from '../../hooks/api/cart.ts';
import { keys } from '../../hooks/api/query-keys.ts';
import { api, formatMoney } from '../../lib/api.ts';
import { useSession } from '../../lib/session.tsx';

const FIELDS = [
  ['name', 'Full name', 'name'],
  ['line1', 'Address', 'address-line1'],
  ['line2', 'Address line 2 (optional)', 'address-line2'],
  ['city', 'City', 'address-level2'],
  ['region', 'Region (optional)', 'address-level1'],
  ['postalCode', 'Postal code', 'postal-code'],
  ['country', 'Country code (e.g. GB)', 'country'],
] as const;
type Field = (typeof FIELDS)[number][0];

export function CheckoutPage() {
  const { accessToken } = useSession();
  const { view } = useCart();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [address, setAddress] = useState<Record<Field, string>>({
    name: '',
    line1: '',
    line2: '',
    city: '',
    region: '',
    postalCode: '',
    country: '',
  });
  // One key per checkout attempt: a double click or a retry cannot place two orders.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const shippingAddress = Object.fromEntries(
      Object.entries(address)
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => [k, k === 'country' ? v.trim().toUpperCase() : v.trim()]),
    );
    try {
      const order = await api<Order>('/orders', {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken ?? ''}`, 'idempotency-key': idempotencyKey },
        body: JSON.stringify({ fromCart: true, shippingAddress }),
      });
      await client.invalidateQueries({ queryKey: keys.cart() });
      await client.invalidateQueries({ queryKey: keys.orders.mine() });
      void navigate(`/orders/${order.id}`);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'The order could not be placed');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="checkout-title" className="narrow">
      <h1 id="checkout-title">Checkout</h1>
      <p>
        {view.count} item{view.count === 1 ? '' : 's'}, {formatMoney(view.totalCents, view.currency)}
      </p>
      <form onSubmit={(e) => void submit(e)} className="stack">
        {FIELDS.map(([field, label, autoComplete]) => (
          <span key={field} className="stack">
            <label htmlFor={`address-${field}`}>{label}</label>
            <input
              id={`address-${field}`}
              value={address[field]}
              autoComplete={autoComplete}
              required={!label.includes('optional')}
              onChange={(e) => setAddress({ ...address, [field]: e.target.value })}
            />
          </span>
        ))}
        {error && <p role="alert">{error}</p>}
        <button type="submit" disabled={busy || view.count === 0}>
          {busy ? 'Placing the order…' : 'Place order'}
        </button>
      </form>
    </section>
  );
}
