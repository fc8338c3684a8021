import type { ReactNode } from 'react';
import { Menu as BaseMenu } from '@base-ui/react/menu';
import { cn } from '../../lib/cn.ts';
import { buttonVariants } from './button.tsx';

export interface MenuAction {
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  destructive?: boolean;
}

/** A button that opens a list of actions (keyboard: arrows, Enter, Escape; Base UI). */
export function ActionMenu({
  label,
  actions,
  triggerClassName,
  'aria-label': ariaLabel,
}: {
  label: ReactNode;
  actions: MenuAction[];
  triggerClassName?: string;
  'aria-label'?: string;
}) {
  return (
    <BaseMenu.Root>
      <BaseMenu.Trigger
        aria-label={ariaLabel}
        data-slot="button"
        className={cn(buttonVariants({ variant: 'secondary', size: 'sm' }), triggerClassName)}
      >
        {label}
      </BaseMenu.Trigger>
      <BaseMenu.Portal>
        <BaseMenu.Positioner sideOffset={6} align="start" className="z-50 outline-none">
          <BaseMenu.Popup className="min-w-44 rounded-md border border-border bg-card py-1 text-foreground shadow-lg outline-none">
            {actions.map((action) => (
              <BaseMenu.Item
                key={action.label}
                disabled={action.disabled}
                onClick={action.onSelect}
                className={cn(
                  'flex cursor-default px-3 py-2 text-sm select-none data-disabled:opacity-50 data-highlighted:bg-muted',
                  action.destructive && 'text-destructive',
                )}
              >
                {action.label}
              </BaseMenu.Item>
            ))}
          </BaseMenu.Popup>
        </BaseMenu.Positioner>
      </BaseMenu.Portal>
    </BaseMenu.Root>
  );
}
