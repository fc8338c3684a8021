import { useState, type FormEvent } from 'react';
import type { CreateShipmentBody, Order } from '@igniflo/contract';
import { Button } from '../../components/ui/button.tsx';
import { Card, CardTitle } from '../../components/ui/card.tsx';
import { Field, Input } from '../../components/ui/field.tsx';

/** What is left to ship of each product: ordered (lines of one product together) minus shipped. */
export function unshippedLines(
  order: Pick<Order, 'items' | 'shipments'>,
): { productId: string; name: string; left: number }[] {
  const lines = new Map<string, { productId: string; name: string; left: number }>();
  for (const item of order.items) {
    if (!item.productId) continue;
    const line = lines.get(item.productId) ?? { productId: item.productId, name: item.name, left: 0 };
    line.left += item.quantity;
    lines.set(item.productId, line);
  }
  for (const shipment of order.shipments) {
    for (const item of shipment.items) {
      const line = lines.get(item.productId);
      if (line) line.left -= item.quantity;
    }
  }
  return [...lines.values()].filter((line) => line.left > 0);
}

/** "Ship items…": staff choose how many of each line go in one package, and its carrier and tracking. */
export function ShipItemsForm({
  order,
  ship,
  pending,
  error,
}: {
  order: Pick<Order, 'items' | 'shipments' | 'carrier'>;
  ship: (body: CreateShipmentBody) => Promise<unknown>;
  pending: boolean;
  error: Error | null;
}) {
  const lines = unshippedLines(order);
  const [open, setOpen] = useState(false);
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [carrier, setCarrier] = useState(order.carrier ?? '');
  const [trackingNumber, setTrackingNumber] = useState('');
  const [trackingUrl, setTrackingUrl] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');

  if (!open) {
    return (
      <Button variant="secondary" className="self-start" onClick={() => setOpen(true)}>
        Ship items…
      </Button>
    );
  }
  const quantity = (productId: string, left: number) => Number(quantities[productId] ?? String(left));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const items = lines
      .map((line) => ({ productId: line.productId, quantity: quantity(line.productId, line.left) }))
      .filter((item) => item.quantity > 0);
    await ship({
      items,
      carrier: carrier.trim(),
      trackingNumber: trackingNumber.trim(),
      ...(trackingUrl.trim() ? { trackingUrl: trackingUrl.trim() } : {}),
      ...(from || to ? { estimatedDelivery: { ...(from ? { from } : {}), ...(to ? { to } : {}) } } : {}),
    });
    setOpen(false);
    setQuantities({});
    setTrackingNumber('');
    setTrackingUrl('');
  };
  return (
    <Card aria-labelledby="ship-title">
      <form onSubmit={(e) => void submit(e).catch(() => undefined)} className="flex flex-col gap-3">
        <CardTitle id="ship-title">Ship items</CardTitle>
        {lines.length === 0 ? (
          <p className="m-0 text-muted-foreground">No items to pack: this package goes without item lines.</p>
        ) : (
          <fieldset className="m-0 flex flex-col gap-2 border-0 p-0">
            <legend className="mb-1 font-medium">How many of each go in this package</legend>
            {lines.map((line) => (
              <Field
                key={line.productId}
                id={`ship-${line.productId}`}
                label={`${line.name} (${line.left} left)`}
              >
                <Input
                  id={`ship-${line.productId}`}
                  type="number"
                  min={0}
                  max={line.left}
                  value={quantities[line.productId] ?? String(line.left)}
                  onChange={(e) => setQuantities((q) => ({ ...q, [line.productId]: e.target.value }))}
                />
              </Field>
            ))}
          </fieldset>
        )}
        <Field id="ship-carrier" label="Carrier">
          <Input
            id="ship-carrier"
            required
            maxLength={100}
            value={carrier}
            onChange={(e) => setCarrier(e.target.value)}
          />
        </Field>
        <Field id="ship-tracking" label="Tracking number">
          <Input
            id="ship-tracking"
            required
            maxLength={100}
            value={trackingNumber}
            onChange={(e) => setTrackingNumber(e.target.value)}
          />
        </Field>
        <Field id="ship-url" label="Tracking link (optional)">
          <Input
            id="ship-url"
            type="url"
            value={trackingUrl}
            onChange={(e) => setTrackingUrl(e.target.value)}
          />
        </Field>
        <div className="grid grid-cols-2 gap-2">
          <Field id="ship-from" label="Arrives from">
            <Input id="ship-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </Field>
          <Field id="ship-to" label="Arrives by">
            <Input id="ship-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </Field>
        </div>
        {error && <p role="alert">{error.message}</p>}
        <div className="flex gap-2">
          <Button type="submit" disabled={pending}>
            Ship package
          </Button>
          <Button variant="ghost" onClick={() => setOpen(false)}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}
