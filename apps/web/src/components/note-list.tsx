import { Badge } from './ui/badge.tsx';
import type { OrderEvent } from '@igniflo/contract';
import { formatTime } from '../lib/api.ts';

/**
 * The notes in an order's history, newest first. Customers are only ever sent the notes meant for
 * them; staff see each note's audience.
 */
export function NoteList({ events, showVisibility }: { events: OrderEvent[]; showVisibility: boolean }) {
  const notes = events.filter((e) => e.type === 'note_added' && e.note).reverse();
  if (notes.length === 0) return <p className="empty">No notes yet.</p>;
  return (
    <ul className="rows" aria-label="Notes">
      {notes.map((note) => (
        <li key={note.id}>
          <span className="wrap">{note.note}</span>
          <time dateTime={note.at} className="muted">
            {formatTime(note.at)}
          </time>
          {showVisibility && <Badge>{note.visibility === 'internal' ? 'internal' : 'to the customer'}</Badge>}
        </li>
      ))}
    </ul>
  );
}
