/**
 * What each order message says (SPEC §13): its subject, its email content and its text message.
 * One entry per template; `triggers.ts` picks the template from the order event.
 */
import { QUOTE_READY_NOTE, type Order } from '@igniflo/contract';
import type { EventData } from '../../order-log/order-log.ts';
import type { EmailContent } from './layout.ts';

export const ORDER_TEMPLATES = [
  'order_placed',
  'order_confirmed',
  'package_shipped',
  'out_for_delivery',
  'delivery_exception',
  'order_delivered',
  'order_cancelled',
  'items_edited',
  'return_approved',
  'return_rejected',
  'return_received',
  'refund_recorded',
] as const;
export type OrderTemplate = (typeof ORDER_TEMPLATES)[number];

export interface OrderMessageInput {
  order: Order;
  data: EventData;
  /** The event's note, where it says what changed (an edit, a reason). */
  note: string | null;
  links: { order: string; tracking: string };
}

export interface RenderedOrderMessage {
  subject: string;
  content: EmailContent;
  sms: string;
}

export const money = (cents: number, currency: string): string =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).format(cents / 100);

const itemRows = (order: Order): [string, string][] => [
  ...order.items.map((item): [string, string] => [
    `${item.quantity} × ${item.name}`,
    money(item.unitPriceCents * item.quantity, order.currency),
  ]),
  ['Total', money(order.totalCents, order.currency)],
];

function packageRows(data: EventData): [string, string][] {
  const shipment = data.shipment;
  if (!shipment) return [];
  return [
    ...(shipment.carrier ? [['Carrier', shipment.carrier] as [string, string]] : []),
    ...(shipment.trackingNumber ? [['Tracking number', shipment.trackingNumber] as [string, string]] : []),
  ];
}

type Build = (
  input: OrderMessageInput,
  n: string,
) => Omit<RenderedOrderMessage, 'content'> & {
  heading: string;
  paragraphs: string[];
  rows?: [string, string][];
  carrierLink?: boolean;
};

const BUILD: Record<OrderTemplate, Build> = {
  order_placed: ({ order }, n) => ({
    subject: `Order ${n} received`,
    heading: 'Thank you for your order',
    paragraphs: [`We have received order ${n} and will let you know as it moves along.`],
    rows: order.items.length > 0 ? itemRows(order) : [],
    sms: `Order ${n} received. Follow it: `,
  }),
  order_confirmed: (_, n) => ({
    subject: `Order ${n} is confirmed`,
    heading: 'Your order is confirmed',
    paragraphs: [`Order ${n} is confirmed and will be prepared next.`],
    sms: `Order ${n} is confirmed: `,
  }),
  package_shipped: ({ data, order }, n) => {
    const number = data.shipment?.number ?? 1;
    const of = Math.max(order.shipments.length, number);
    const which = of > 1 ? `Package ${number} of order ${n}` : `Order ${n}`;
    return {
      subject: `${which} has shipped`,
      heading: of > 1 ? `Package ${number} is on its way` : 'Your order is on its way',
      paragraphs: [`${which} has left us${data.shipment?.carrier ? ` with ${data.shipment.carrier}` : ''}.`],
      rows: packageRows(data),
      carrierLink: true,
      sms: `${which} has shipped${data.shipment?.trackingNumber ? ` (${data.shipment.trackingNumber})` : ''}: `,
    };
  },
  out_for_delivery: ({ data }, n) => ({
    subject: `Order ${n} is out for delivery`,
    heading: 'Out for delivery today',
    paragraphs: [
      `Package ${data.shipment?.number ?? 1} of order ${n} is out for delivery${data.shipment?.location ? ` from ${data.shipment.location}` : ''}.`,
    ],
    sms: `Order ${n} is out for delivery: `,
  }),
  delivery_exception: ({ data }, n) => ({
    subject: `Order ${n}: a delivery problem`,
    heading: 'Your package is delayed',
    paragraphs: [
      `The carrier reports a problem with package ${data.shipment?.number ?? 1} of order ${n}${data.shipment?.location ? ` (${data.shipment.location})` : ''}. We are on it and will tell you when it moves again.`,
    ],
    sms: `Order ${n}: the carrier reports a delay. Details: `,
  }),
  order_delivered: (_, n) => ({
    subject: `Order ${n} was delivered`,
    heading: 'Your order was delivered',
    paragraphs: [
      `Order ${n} has arrived. If anything is wrong, you can ask for a return from the order page.`,
    ],
    sms: `Order ${n} was delivered: `,
  }),
  order_cancelled: ({ note }, n) => ({
    subject: `Order ${n} was cancelled`,
    heading: 'Your order was cancelled',
    paragraphs: [`Order ${n} was cancelled.`, ...(note ? [note] : [])],
    sms: `Order ${n} was cancelled: `,
  }),
  // A custom request priced for the first time: its note begins with the quote.
  items_edited: ({ order, note }, n) =>
    note?.startsWith(QUOTE_READY_NOTE)
      ? {
          subject: `Order ${n}: your quote is ready`,
          heading: 'Your quote is ready',
          paragraphs: [`Here is the price of your request, order ${n}.`, note],
          rows: itemRows(order),
          sms: `Order ${n}: your quote is ready, total ${money(order.totalCents, order.currency)}: `,
        }
      : {
          subject: `Order ${n}: your items changed`,
          heading: 'Your order was changed',
          paragraphs: [
            `We changed the items of order ${n}. Here is the order as it is now.`,
            ...(note ? [note] : []),
          ],
          rows: itemRows(order),
          sms: `Order ${n} was changed; new total ${money(order.totalCents, order.currency)}: `,
        },
  // Staff's note says how to send the items back ("Use the label in the box").
  return_approved: ({ data, note }, n) => ({
    subject: `Order ${n}: return ${data.return?.number ?? ''} approved`.replace(/ {2}/g, ' '),
    heading: 'Your return is approved',
    paragraphs: [`Please send the items back. We will tell you when they arrive.`, ...(note ? [note] : [])],
    sms: `Order ${n}: your return is approved: `,
  }),
  return_rejected: ({ note }, n) => ({
    subject: `Order ${n}: return not accepted`,
    heading: 'We could not accept your return',
    paragraphs: [`Your return request for order ${n} was not accepted.`, ...(note ? [note] : [])],
    sms: `Order ${n}: your return was not accepted: `,
  }),
  return_received: (_, n) => ({
    subject: `Order ${n}: return received`,
    heading: 'We received your return',
    paragraphs: [`The items you sent back from order ${n} have arrived.`],
    sms: `Order ${n}: we received your return: `,
  }),
  refund_recorded: ({ data }, n) => {
    const amount = data.refund ? money(data.refund.amountCents, data.refund.currency) : 'A refund';
    return {
      subject: `Order ${n}: ${amount} refunded`,
      heading: 'Your refund is on its way',
      paragraphs: [
        `We refunded ${amount} for order ${n}${data.refund?.reason ? ` (${data.refund.reason})` : ''}. It can take a few days to appear on your statement.`,
      ],
      sms: `Order ${n}: ${amount} refunded: `,
    };
  },
};

export function renderOrderMessage(template: OrderTemplate, input: OrderMessageInput): RenderedOrderMessage {
  const n = input.order.orderNumber;
  const built = BUILD[template](input, n);
  const trackingUrl = built.carrierLink ? input.data.shipment?.trackingUrl : null;
  return {
    subject: built.subject,
    sms: `${built.sms}${input.links.tracking}`,
    content: {
      preview: built.paragraphs[0] ?? built.heading,
      heading: built.heading,
      paragraphs: built.paragraphs,
      ...(built.rows?.length ? { rows: built.rows } : {}),
      action: { label: 'View your order', url: input.links.order },
      links: [
        { label: 'Track your order', url: input.links.tracking },
        ...(trackingUrl ? [{ label: "Follow the package on the carrier's site", url: trackingUrl }] : []),
      ],
    },
  };
}
