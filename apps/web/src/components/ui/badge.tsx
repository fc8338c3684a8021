import type { ComponentProps } from 'react';
import { cva, type VariantProps } from 'class-variance-authority';
import { cn } from '../../lib/cn.ts';

/**
 * A neutral pill with a coloured dot (Medusa's pattern): the text carries the meaning at 4.5:1,
 * the dot the tone at 3:1, so colour is never the only cue.
 */
const dotVariants = cva('size-2 shrink-0 rounded-full', {
  variants: {
    tone: {
      neutral: 'bg-neutral',
      info: 'bg-info',
      warning: 'bg-warning',
      success: 'bg-success',
      destructive: 'bg-destructive',
    },
  },
  defaultVariants: { tone: 'neutral' },
});

export type Tone = NonNullable<VariantProps<typeof dotVariants>['tone']>;

export function Badge({ tone, className, children, ...props }: ComponentProps<'span'> & { tone?: Tone }) {
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1.5 rounded-full border border-border bg-card px-2.5 py-0.5 text-sm font-medium whitespace-nowrap text-foreground',
        className,
      )}
      {...props}
    >
      <span aria-hidden="true" className={dotVariants({ tone })} />
      {children}
    </span>
  );
}
