import type { ComponentProps } from 'react';
import { cva, type VariantProps } from 'class-variance-authority';
import { CircleAlert, Info, OctagonX, TriangleAlert } from 'lucide-react';
import { cn } from '../../lib/cn.ts';

const alertVariants = cva('flex gap-3 rounded-lg border p-4 [&>svg]:mt-0.5 [&>svg]:size-5 [&>svg]:shrink-0', {
  variants: {
    tone: {
      info: 'border-info bg-info-soft',
      warning: 'border-warning bg-warning-soft',
      neutral: 'border-neutral bg-neutral-soft',
      destructive: 'border-destructive bg-card',
    },
  },
  defaultVariants: { tone: 'info' },
});

const ICONS = { info: Info, warning: TriangleAlert, neutral: CircleAlert, destructive: OctagonX };

/**
 * A banner that says what happened and what comes next. Not a live region by itself: a page that
 * shows it after a change announces the change in its own status line.
 */
export function Alert({
  tone = 'info',
  title,
  className,
  children,
  ...props
}: Omit<ComponentProps<'div'>, 'title'> & VariantProps<typeof alertVariants> & { title: string }) {
  const Icon = ICONS[tone ?? 'info'];
  return (
    <div className={cn(alertVariants({ tone }), className)} {...props}>
      <Icon aria-hidden="true" />
      <div>
        <p className="m-0 font-semibold">{title}</p>
        {children && <div className="text-sm">{children}</div>}
      </div>
    </div>
  );
}
