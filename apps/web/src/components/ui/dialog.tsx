import type { ReactNode } from 'react';
import { Dialog as BaseDialog } from '@base-ui/react/dialog';
import { cn } from '../../lib/cn.ts';

/**
 * A modal dialog (Base UI: focus trapped, Escape closes, focus back on the opener). The caller owns
 * `open`, so a form inside can stay open on a server error.
 */
export function Dialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  className,
  wide = false,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  className?: string;
  /** Room for a form of two columns. */
  wide?: boolean;
}) {
  return (
    <BaseDialog.Root open={open} onOpenChange={onOpenChange}>
      <BaseDialog.Portal>
        <BaseDialog.Backdrop className="fixed inset-0 bg-black/40" />
        <BaseDialog.Popup
          className={cn(
            'fixed top-1/2 left-1/2 flex max-h-[calc(100dvh-2rem)] max-w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 flex-col gap-3 overflow-y-auto rounded-lg border border-border bg-card p-5 text-foreground shadow-xl',
            wide ? 'w-[44rem]' : 'w-[28rem]',
            className,
          )}
        >
          <BaseDialog.Title className="m-0 text-lg font-semibold">{title}</BaseDialog.Title>
          {description && (
            <BaseDialog.Description className="m-0 text-sm text-muted-foreground">
              {description}
            </BaseDialog.Description>
          )}
          {children}
        </BaseDialog.Popup>
      </BaseDialog.Portal>
    </BaseDialog.Root>
  );
}
