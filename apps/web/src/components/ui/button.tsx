import type { ComponentProps } from 'react';
import { cva, type VariantProps } from 'class-variance-authority';
import { cn } from '../../lib/cn.ts';

export const buttonVariants = cva(
  'inline-flex items-center justify-center gap-2 rounded-md font-medium whitespace-nowrap no-underline transition-colors cursor-pointer disabled:cursor-default disabled:opacity-60 [&_svg]:size-4 [&_svg]:shrink-0',
  {
    variants: {
      variant: {
        default: 'bg-primary text-primary-foreground hover:not-disabled:opacity-90',
        secondary: 'border border-border bg-card text-foreground hover:not-disabled:bg-muted',
        destructive: 'bg-destructive text-destructive-foreground hover:not-disabled:opacity-90',
        'destructive-outline':
          'border border-destructive bg-card text-destructive hover:not-disabled:bg-muted',
        ghost: 'text-foreground hover:not-disabled:bg-muted',
        link: 'text-primary underline underline-offset-2',
      },
      size: {
        default: 'h-10 px-4 text-base',
        sm: 'h-8 px-3 text-sm',
        icon: 'size-10',
      },
    },
    defaultVariants: { variant: 'default', size: 'default' },
  },
);

export type ButtonProps = ComponentProps<'button'> & VariantProps<typeof buttonVariants>;

export function Button({ className, variant, size, type = 'button', ...props }: ButtonProps) {
  return (
    <button
      data-slot="button"
      type={type}
      className={cn(buttonVariants({ variant, size }), className)}
      {...props}
    />
  );
}
