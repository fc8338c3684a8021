import type { OrderEvent } from '@igniflo/contract';
import { QUOTE_READY_NOTE } from '@igniflo/contract/constants';
import { formatTime } from '../lib/api.ts';
import { Alert } from './ui/alert.tsx';

const TITLES = {
  customer: { quote: 'Your quote is ready', change: 'The items of this order changed' },
  staff: { quote: 'Quote sent to the customer', change: 'Items changed' },
};

/** The latest change of the order's items, as its history says it: a quote, or what changed, before and after. */
export function ItemsChange({ history, reader }: { history: OrderEvent[]; reader: keyof typeof TITLES }) {
  const latest = [...history].reverse().find((e) => e.type === 'items_edited' && e.note);
  if (!latest?.note) return null;
  const titles = TITLES[reader];
  return (
    <Alert tone="info" title={latest.note.startsWith(QUOTE_READY_NOTE) ? titles.quote : titles.change}>
      <p className="m-0 break-words whitespace-pre-line">{latest.note}</p>
      <p className="m-0">
        <time dateTime={latest.at}>{formatTime(latest.at)}</time>
      </p>
    </Alert>
  );
}
