import type { ComponentProps } from 'react';
import { cn } from '../../lib/cn.ts';

/*
 * Table primitives (shadcn's shape). Below 640px each body row becomes a card of "label: value"
 * lines (TableCell's `label`), so a phone neither scrolls sideways nor cuts a column off; the header
 * row stays, as a strip of its sort buttons. The elements stay a <table>, so screen readers still
 * get rows, cells and headers.
 */

/** Scrolls sideways on a wide screen if it must, reachable by keyboard to do so (axe). */
export function TableContainer({ className, ...props }: ComponentProps<'div'>) {
  return (
    <div
      role="region"
      tabIndex={0}
      className={cn('relative w-full overflow-x-auto rounded-lg sm:border sm:border-border', className)}
      {...props}
    />
  );
}

export function Table({ className, ...props }: ComponentProps<'table'>) {
  return (
    <table
      className={cn('w-full caption-bottom border-collapse text-sm max-sm:block sm:bg-card', className)}
      {...props}
    />
  );
}

export function TableCaption({ className, ...props }: ComponentProps<'caption'>) {
  return (
    <caption
      className={cn('mt-2 text-left text-sm text-muted-foreground max-sm:block', className)}
      {...props}
    />
  );
}

export function TableHeader({ className, ...props }: ComponentProps<'thead'>) {
  return (
    <thead
      className={cn(
        'bg-muted max-sm:block max-sm:rounded-lg max-sm:bg-transparent max-sm:[&>tr]:flex max-sm:[&>tr]:flex-wrap max-sm:[&>tr]:items-center max-sm:[&>tr]:gap-1 max-sm:[&>tr]:border-0',
        className,
      )}
      {...props}
    />
  );
}

export function TableBody({ className, ...props }: ComponentProps<'tbody'>) {
  return (
    <tbody
      className={cn(
        'max-sm:mt-2 max-sm:flex max-sm:flex-col max-sm:gap-3 [&>tr:last-child]:sm:border-b-0',
        className,
      )}
      {...props}
    />
  );
}

export function TableRow({ className, ...props }: ComponentProps<'tr'>) {
  return (
    <tr
      className={cn(
        'border-b border-border data-[state=selected]:bg-info-soft max-sm:block max-sm:rounded-lg max-sm:border max-sm:bg-card max-sm:p-3',
        className,
      )}
      {...props}
    />
  );
}

export function TableHead({ className, ...props }: ComponentProps<'th'>) {
  return (
    <th
      scope="col"
      className={cn(
        'h-10 px-3 text-left align-middle font-semibold whitespace-nowrap text-muted-foreground max-sm:h-auto max-sm:px-0',
        className,
      )}
      {...props}
    />
  );
}

/**
 * One cell; `label` is its column's name, shown before the value only in the phone's card layout
 * (hidden from screen readers, which name the column from the header).
 */
export function TableCell({
  className,
  label,
  children,
  ...props
}: ComponentProps<'td'> & { label?: string }) {
  return (
    <td
      className={cn(
        'px-3 py-2 align-middle max-sm:flex max-sm:min-h-8 max-sm:items-center max-sm:justify-between max-sm:gap-3 max-sm:px-0 max-sm:py-1 max-sm:text-right max-sm:[overflow-wrap:anywhere]',
        className,
      )}
      {...props}
    >
      {label ? (
        <>
          <span aria-hidden="true" className="shrink-0 text-left font-medium text-muted-foreground sm:hidden">
            {label}
          </span>
          <div className="min-w-0">{children}</div>
        </>
      ) : (
        children
      )}
    </td>
  );
}
