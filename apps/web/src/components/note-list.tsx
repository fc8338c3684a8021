import { Badge } from './ui/badge.tsx';
import type { OrderEvent } from '@igniflo/contract';
import { formatTime } from '../lib/api.ts';

/**
 * The notes in an order's history, newest first. Customers are only ever sent the notes meant for
 * them; staff see each note's audience.
 */
export function NoteList({ events, showVisibility }: { events: OrderEvent[]; showVisibility: boolean }) {
  const notes = events.filter((e) => e.type === 'note_added' && e.note).reverse();
  if (notes.length === 0) return <p className="text-muted-foreground">No notes yet.</p>;
  return (
    <ul className="my-2 flex flex-col divide-y divide-border" aria-label="Notes">
      {notes.map((note) => (
        <li key={note.id} className="flex flex-col gap-1 py-2">
          <span className="break-words whitespace-pre-wrap">{note.note}</span>
          <span className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
            <time dateTime={note.at}>{formatTime(note.at)}</time>
            {note.actorName && <span>by {note.actorName}</span>}
            {showVisibility && (
              <Badge>{note.visibility === 'internal' ? 'internal' : 'to the customer'}</Badge>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
