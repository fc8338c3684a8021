/** The public tracking page of the carriers most shops use, by the name staff type in. */
const TRACKING_PAGES: [RegExp, (n: string) => string][] = [
  [/^ups$/i, (n) => `https://www.ups.com/track?tracknum=${n}`],
  [/^fedex$/i, (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}`],
  [/^dhl/i, (n) => `https://www.dhl.com/global-en/home/tracking.html?tracking-id=${n}`],
  [/^usps$/i, (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`],
  [/^royal ?mail$/i, (n) => `https://www.royalmail.com/track-your-item#/tracking-results/${n}`],
  [/^dpd/i, (n) => `https://track.dpd.co.uk/parcels/${n}`],
  [/^evri|hermes/i, (n) => `https://www.evri.com/track/parcel/${n}`],
];

/** A link to follow a parcel at its carrier, or null for a carrier we do not know. */
export function carrierTrackingUrl(carrier: string, trackingNumber: string): string | null {
  const page = TRACKING_PAGES.find(([name]) => name.test(carrier.trim()));
  return page ? page[1](encodeURIComponent(trackingNumber)) : null;
}
