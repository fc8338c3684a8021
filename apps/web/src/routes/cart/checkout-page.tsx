import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Address } from '@igniflo/contract';
import { Skeleton } from '../../components/list-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Card, CardTitle } from '../../components/ui/card.tsx';
import { Field, Input, inputClass } from '../../components/ui/field.tsx';
import { useCart } from '../../hooks/api/cart.ts';
import { filledIn, usePlaceOrder } from '../../hooks/api/orders.ts';
import { ApiError, formatMoney } from '../../lib/api.ts';
import { browserCountry, countries } from '../../lib/countries.ts';

const FIELDS = [
  ['name', 'Full name', 'name'],
  ['line1', 'Address', 'address-line1'],
  ['line2', 'Address line 2 (optional)', 'address-line2'],
  ['city', 'City', 'address-level2'],
  ['region', 'Region (optional)', 'address-level1'],
  ['postalCode', 'Postal code', 'postal-code'],
] as const;
type Field = (typeof FIELDS)[number][0] | 'country';

export function CheckoutPage() {
  const cart = useCart();
  const { view } = cart;
  const navigate = useNavigate();
  const countryList = useMemo(countries, []);
  const [address, setAddress] = useState<Record<Field, string>>(() => ({
    name: '',
    line1: '',
    line2: '',
    city: '',
    region: '',
    postalCode: '',
    country: browserCountry(),
  }));
  const place = usePlaceOrder();
  // The server's refusal of an address field goes beside that field, in words.
  const fieldErrors = place.error instanceof ApiError ? place.error.fieldErrors('body/shippingAddress/') : {};
  const error = !place.error
    ? null
    : Object.keys(fieldErrors).length > 0
      ? 'Some of the address needs another look: see the fields marked below.'
      : place.error.message;

  if (cart.loading) return <Skeleton label="Loading your cart" />;
  if (view.count === 0)
    return (
      <section aria-labelledby="checkout-title">
        <PageHeading id="checkout-title" title="Checkout" />
        <p>Your cart is empty, so there is nothing to check out yet.</p>
        <p className="flex flex-wrap gap-4">
          <Link to="/">Browse the catalog</Link>
          <Link to="/request">Ask for something made to order</Link>
        </p>
      </section>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    place.mutate(
      { fromCart: true, shippingAddress: filledIn(address) as Address },
      { onSuccess: (order) => void navigate(`/orders/${order.id}`) },
    );
  };
  const describedBy = (field: string) => (fieldErrors[field] ? `address-${field}-error` : undefined);

  return (
    <section aria-labelledby="checkout-title">
      <PageHeading id="checkout-title" title="Checkout" />
      <div className="grid gap-6 md:grid-cols-[3fr_2fr]">
        <form
          onSubmit={(e) => void submit(e)}
          className="flex flex-col gap-3"
          aria-labelledby="address-title"
        >
          <h2 id="address-title" className="mt-0">
            Shipping address
          </h2>
          {FIELDS.map(([field, label, autoComplete]) => (
            <Field key={field} id={`address-${field}`} label={label} error={fieldErrors[field]}>
              <Input
                id={`address-${field}`}
                value={address[field]}
                autoComplete={autoComplete}
                required={!label.includes('optional')}
                maxLength={field === 'postalCode' ? 20 : field === 'line1' || field === 'line2' ? 200 : 100}
                aria-invalid={fieldErrors[field] ? true : undefined}
                aria-describedby={describedBy(field)}
                onChange={(e) => setAddress({ ...address, [field]: e.target.value })}
              />
            </Field>
          ))}
          <Field id="address-country" label="Country" error={fieldErrors.country}>
            <select
              id="address-country"
              className={inputClass}
              value={address.country}
              autoComplete="country"
              required
              aria-invalid={fieldErrors.country ? true : undefined}
              aria-describedby={describedBy('country')}
              onChange={(e) => setAddress({ ...address, country: e.target.value })}
            >
              <option value="">Choose a country</option>
              {countryList.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          {error && <p role="alert">{error}</p>}
          <Button type="submit" className="self-start" disabled={place.isPending}>
            {place.isPending ? 'Placing the order…' : 'Place order'}
          </Button>
        </form>
        <Card aria-labelledby="summary-title" className="self-start">
          <CardTitle id="summary-title">Your order</CardTitle>
          <p className="m-0 text-sm text-muted-foreground">
            {view.count} item{view.count === 1 ? '' : 's'}
          </p>
          <ul className="my-2">
            {view.lines.map((line) => (
              <li key={line.productId} className="flex justify-between gap-4 border-t border-border py-2">
                <span>
                  {line.name} × {line.quantity}
                </span>
                <span>{formatMoney(line.lineTotalCents, view.currency)}</span>
              </li>
            ))}
          </ul>
          <p className="m-0 flex justify-between border-t-2 border-border pt-2 font-semibold">
            <span>Total</span>
            <span>{formatMoney(view.totalCents, view.currency)}</span>
          </p>
          <Link to="/cart" className="mt-2 inline-block text-sm">
            Change the cart
          </Link>
        </Card>
      </div>
    </section>
  );
}
