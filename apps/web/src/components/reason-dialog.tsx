import { useState, type FormEvent } from 'react';
import { Dialog } from './ui/dialog.tsx';
import { Button } from './ui/button.tsx';

/**
 * Asks before a move that stops an order (hold, cancel) or settles a return: why, in words the
 * customer will read, and a confirmation styled by what it does. Stays open with the server's
 * reason if it refuses.
 */
export function ReasonDialog({
  open,
  onOpenChange,
  title,
  description,
  confirmLabel,
  cancelLabel = 'Keep the order',
  label = 'Reason',
  destructive,
  reasonRequired,
  pending,
  error,
  onConfirm,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: string;
  confirmLabel: string;
  /** The button that closes the dialog and changes nothing. */
  cancelLabel?: string;
  /** What the text asked for is: a reason, a note. */
  label?: string;
  destructive?: boolean;
  reasonRequired?: boolean;
  pending: boolean;
  error: Error | null;
  onConfirm: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConfirm(reason.trim());
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={title} description={description}>
      <form onSubmit={submit} className="flex flex-col gap-3">
        <label htmlFor="move-reason" className="font-medium">
          {label}
          {reasonRequired ? '' : ' (optional)'}
          <span className="block text-sm font-normal text-muted-foreground">The customer sees this.</span>
        </label>
        <textarea
          id="move-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={2000}
          required={reasonRequired}
          rows={3}
          className="p-2"
        />
        {error && <p role="alert">{error.message}</p>}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            {cancelLabel}
          </Button>
          <Button type="submit" variant={destructive ? 'destructive' : 'default'} disabled={pending}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
