import type { ShipmentStatus, TrackedShipment } from '@igniflo/contract';
import type { ReactNode } from 'react';
import { carrierTrackingUrl } from '../lib/carriers.ts';
import { formatTime } from '../lib/api.ts';
import { formatDay } from '../lib/time.ts';
import { CopyButton } from './copy-button.tsx';
import { Badge, type Tone } from './ui/badge.tsx';
import { Card, CardTitle } from './ui/card.tsx';

export const PACKAGE_STATUS_LABEL: Record<ShipmentStatus, string> = {
  LABEL_CREATED: 'Label created',
  IN_TRANSIT: 'In transit',
  OUT_FOR_DELIVERY: 'Out for delivery',
  DELIVERED: 'Delivered',
  EXCEPTION: 'Delayed',
  RETURNED_TO_SENDER: 'Returned to sender',
};

const PACKAGE_TONE: Record<ShipmentStatus, Tone> = {
  LABEL_CREATED: 'info',
  IN_TRANSIT: 'info',
  OUT_FOR_DELIVERY: 'info',
  DELIVERED: 'success',
  EXCEPTION: 'warning',
  RETURNED_TO_SENDER: 'neutral',
};

/** "2 – 4 Jan", "from 2 Jan", "by 4 Jan", or null without a window. */
export function deliveryWindow({ from, to }: { from: string | null; to: string | null }): string | null {
  if (from && to) return from === to ? formatDay(from) : `${formatDay(from)} – ${formatDay(to)}`;
  if (from) return `from ${formatDay(from)}`;
  if (to) return `by ${formatDay(to)}`;
  return null;
}

/** The packages an order left in, "Package 1 of 2", each with its status, carrier and window. */
export function Packages({
  shipments,
  extra,
}: {
  /** The public shape: an order's own shipments carry more, which this list does not show. */
  shipments: TrackedShipment[];
  /** Staff controls under a package (adding a tracking event). */
  extra?: (index: number) => ReactNode;
}) {
  if (shipments.length === 0) return null;
  return (
    <Card aria-labelledby="packages-title" className="flex flex-col gap-3">
      <CardTitle id="packages-title">{shipments.length === 1 ? 'Package' : 'Packages'}</CardTitle>
      <ul className="m-0 flex list-none flex-col gap-3 p-0">
        {shipments.map((shipment, index) => {
          const link =
            shipment.trackingUrl ??
            (shipment.carrier && shipment.trackingNumber
              ? carrierTrackingUrl(shipment.carrier, shipment.trackingNumber)
              : null);
          const window = deliveryWindow(shipment.estimatedDelivery);
          const last = shipment.events.at(-1);
          return (
            <li
              key={shipment.number}
              className="flex flex-col gap-1 border-t border-border pt-2 first:border-0 first:pt-0"
            >
              <span className="flex flex-wrap items-center gap-2">
                <span className="font-medium">
                  Package {shipment.number} of {shipments.length}
                </span>
                <Badge tone={PACKAGE_TONE[shipment.status]}>{PACKAGE_STATUS_LABEL[shipment.status]}</Badge>
              </span>
              {shipment.carrier && (
                <span className="flex flex-wrap items-center gap-x-2">
                  {shipment.carrier}
                  {shipment.trackingNumber &&
                    (link ? (
                      <a href={link} target="_blank" rel="noreferrer noopener">
                        {shipment.trackingNumber}
                        <span className="sr-only"> (opens the carrier’s site)</span>
                      </a>
                    ) : (
                      shipment.trackingNumber
                    ))}
                  {shipment.trackingNumber && (
                    <CopyButton
                      value={shipment.trackingNumber}
                      label={`Copy tracking number of package ${shipment.number}`}
                    />
                  )}
                </span>
              )}
              {shipment.deliveredAt ? (
                <span className="text-sm">Delivered {formatTime(shipment.deliveredAt)}</span>
              ) : (
                window && <span className="text-sm">Expected {window}</span>
              )}
              {last && (
                <span className="text-sm text-muted-foreground">
                  Last update {formatTime(last.at)}
                  {last.location ? `, ${last.location}` : ''}
                </span>
              )}
              {extra?.(index)}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
