import type { ReactNode } from 'react';
import { Menu as BaseMenu } from '@base-ui/react/menu';
import { Check } from 'lucide-react';
import { cn } from '../../lib/cn.ts';
import { buttonVariants } from './button.tsx';

export interface MenuAction {
  label: string;
  onSelect: () => void;
  disabled?: boolean;
  destructive?: boolean;
}

const itemClass =
  'flex cursor-default items-center gap-2 px-3 py-2 text-sm select-none data-disabled:opacity-50 data-highlighted:bg-muted';

/** A button that opens a popup list (keyboard: arrows, Enter, Escape; Base UI). */
function MenuShell({
  label,
  triggerClassName,
  'aria-label': ariaLabel,
  align = 'start',
  children,
}: {
  label: ReactNode;
  triggerClassName?: string;
  'aria-label'?: string;
  align?: 'start' | 'end';
  children: ReactNode;
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
        <BaseMenu.Positioner sideOffset={6} align={align} className="z-50 outline-none">
          <BaseMenu.Popup className="min-w-44 rounded-md border border-border bg-card py-1 text-foreground shadow-lg outline-none">
            {children}
          </BaseMenu.Popup>
        </BaseMenu.Positioner>
      </BaseMenu.Portal>
    </BaseMenu.Root>
  );
}

/** A button that opens a list of actions. */
export function ActionMenu({
  actions,
  ...shell
}: {
  label: ReactNode;
  actions: MenuAction[];
  triggerClassName?: string;
  'aria-label'?: string;
}) {
  return (
    <MenuShell {...shell}>
      {actions.map((action) => (
        <BaseMenu.Item
          key={action.label}
          disabled={action.disabled}
          onClick={action.onSelect}
          className={cn(itemClass, action.destructive && 'text-destructive')}
        >
          {action.label}
        </BaseMenu.Item>
      ))}
    </MenuShell>
  );
}

export interface MenuCheckbox {
  label: string;
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
}

/** A button that opens a list of on/off choices (menuitemcheckbox); it stays open while ticking. */
export function CheckboxMenu({
  items,
  ...shell
}: {
  label: ReactNode;
  items: MenuCheckbox[];
  triggerClassName?: string;
  'aria-label'?: string;
  align?: 'start' | 'end';
}) {
  return (
    <MenuShell {...shell}>
      {items.map((item) => (
        <BaseMenu.CheckboxItem
          key={item.label}
          checked={item.checked}
          onCheckedChange={item.onCheckedChange}
          closeOnClick={false}
          className={itemClass}
        >
          <span className="flex size-4 items-center justify-center">
            <BaseMenu.CheckboxItemIndicator>
              <Check aria-hidden="true" className="size-4" />
            </BaseMenu.CheckboxItemIndicator>
          </span>
          {item.label}
        </BaseMenu.CheckboxItem>
      ))}
    </MenuShell>
  );
}
