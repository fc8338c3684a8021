import type { ComponentProps, ReactNode } from 'react';
import { cn } from '../../lib/cn.ts';

/** A label above its control, with an optional hint and error tied to it for screen readers. */
export function Field({
  id,
  label,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | null;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={cn('flex flex-col gap-1', className)}>
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {hint && (
        <span id={`${id}-hint`} className="text-sm text-muted-foreground">
          {hint}
        </span>
      )}
      {children}
      {error && (
        <span id={`${id}-error`} className="text-sm font-semibold text-destructive">
          {error}
        </span>
      )}
    </div>
  );
}

export const inputClass = 'h-10 w-full px-3';

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={cn(inputClass, className)} {...props} />;
}
