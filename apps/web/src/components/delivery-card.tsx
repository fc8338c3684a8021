import type { Address, Order } from '@igniflo/contract';
import { carrierTrackingUrl } from '../lib/carriers.ts';
import { formatDay } from '../lib/time.ts';
import { CopyButton } from './copy-button.tsx';
import { Card, CardTitle } from './ui/card.tsx';

const countryName = (code: string) => new Intl.DisplayNames(undefined, { type: 'region' }).of(code) ?? code;

export function AddressLines({ address }: { address: Address }) {
  return (
    <address className="not-italic">
      {[
        address.name,
        address.line1,
        address.line2,
        [address.postalCode, address.city].join(' '),
        address.region,
        countryName(address.country),
      ]
        .filter(Boolean)
        .map((line) => (
          <span key={line} className="block">
            {line}
          </span>
        ))}
    </address>
  );
}

/** The order's delivery date in a sentence; once packages left, each tells its own window. */
export function deliveryDate(order: { estimatedDelivery: string | null; shipments: unknown[] }): string {
  if (order.estimatedDelivery) return `Estimated delivery: ${formatDay(order.estimatedDelivery)}`;
  return order.shipments.length > 0
    ? 'Each package shows when it is expected.'
    : 'A delivery date appears here once the order ships.';
}

/** Where the order goes and how: the date, the carrier with a link to follow it, the address. */
export function DeliveryCard({ order }: { order: Order }) {
  return (
    <Card aria-labelledby="delivery-title" className="flex flex-col gap-2">
      <CardTitle id="delivery-title">Delivery</CardTitle>
      <p className="m-0">{deliveryDate(order)}</p>
      {/* Once packages have left, each names its own carrier (components/packages.tsx). */}
      {order.carrier && order.shipments.length === 0 && (
        <CarrierLine carrier={order.carrier} trackingNumber={order.trackingNumber} />
      )}
      {order.shippingAddress ? (
        <AddressLines address={order.shippingAddress} />
      ) : (
        <p className="m-0 text-muted-foreground">No shipping address given.</p>
      )}
    </Card>
  );
}

/** The carrier and its tracking number, linked to the carrier's own tracking page when we know it. */
export function CarrierLine({ carrier, trackingNumber }: { carrier: string; trackingNumber: string | null }) {
  const link = trackingNumber ? carrierTrackingUrl(carrier, trackingNumber) : null;
  return (
    <p className="m-0 flex flex-wrap items-center gap-x-2">
      <span>
        Shipped with {carrier}
        {trackingNumber && ', tracking number '}
        {trackingNumber &&
          (link ? (
            <a href={link} target="_blank" rel="noreferrer noopener">
              {trackingNumber}
              <span className="sr-only"> (opens the carrier’s site)</span>
            </a>
          ) : (
            trackingNumber
          ))}
      </span>
      {trackingNumber && <CopyButton value={trackingNumber} label="Copy tracking number" />}
    </p>
  );
}
