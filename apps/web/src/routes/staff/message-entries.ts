import type { Message } from '@igniflo/contract';
import type { NoticeEntry } from '../../components/timeline.tsx';

/** What each order message is about, as the history names it (templates of SPEC §13). */
const ABOUT: Record<string, string> = {
  order_placed: 'Order received',
  order_confirmed: 'Confirmed',
  package_shipped: 'Shipped',
  out_for_delivery: 'Out for delivery',
  delivery_exception: 'Delivery problem',
  order_delivered: 'Delivered',
  order_cancelled: 'Cancelled',
  items_edited: 'Items changed',
  return_approved: 'Return approved',
  return_rejected: 'Return not accepted',
  return_received: 'Return received',
  refund_recorded: 'Refund',
};

function about(message: Message): string {
  // A custom request priced for the first time goes out as an edit whose subject is the quote.
  if (message.template === 'items_edited' && /quote is ready/i.test(message.subject)) return 'Quote ready';
  return ABOUT[message.template] ?? message.subject;
}

/**
 * The emails and texts sent about an order as history entries, for staff: "Email sent to
 * c•••@example.com — Shipped" when it went out, and plainly when it has not (yet).
 */
export function messageEntries(messages: Message[]): NoticeEntry[] {
  return messages.map((message) => {
    const channel = message.channel === 'email' ? 'Email' : 'Text';
    const to = message.recipient;
    const subject = about(message);
    const id = `message-${message.id}`;
    if (message.status === 'SENT') {
      return { id, at: message.sentAt ?? message.createdAt, text: `${channel} sent to ${to} — ${subject}` };
    }
    const tries = `${message.attempts} ${message.attempts === 1 ? 'attempt' : 'attempts'}`;
    const error = message.lastError ? `: ${message.lastError}` : '';
    if (message.status === 'FAILED') {
      return {
        id,
        at: message.createdAt,
        text: `${channel} to ${to} failed — ${subject}`,
        detail: `Gave up after ${tries}${error}`,
        problem: true,
      };
    }
    return message.attempts === 0
      ? { id, at: message.createdAt, text: `${channel} to ${to} not sent yet — ${subject}` }
      : {
          id,
          at: message.createdAt,
          text: `${channel} to ${to} not sent yet (retrying) — ${subject}`,
          detail: `${tries} so far${error}`,
        };
  });
}
