import type { ComponentProps, FormEvent, ReactNode } from 'react';
import { Button } from './ui/button.tsx';
import { Field, Input, inputClass } from './ui/field.tsx';
import { cn } from '../lib/cn.ts';

/**
 * A list's search and filters (role="search"), applied on submit: each named control's value,
 * trimmed, goes to `onApply` (the page keeps it in the address, lib/url-state.ts). The controls are
 * uncontrolled and start from `filter`, so Back or a shared link shows them filled in as applied.
 */
export function FilterForm<K extends string>({
  filter,
  onApply,
  submitLabel,
  children,
}: {
  filter: Record<K, string>;
  onApply: (filter: Record<K, string>) => void;
  submitLabel: string;
  children: ReactNode;
}) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const names = Object.keys(filter) as K[];
    const value = (name: K) => {
      const entry = data.get(name);
      return typeof entry === 'string' ? entry.trim() : '';
    };
    onApply(Object.fromEntries(names.map((name) => [name, value(name)])) as Record<K, string>);
  };
  return (
    // Remounted when the applied filter changes elsewhere (Back), so the controls show it.
    <form
      key={JSON.stringify(filter)}
      role="search"
      className="my-3 flex flex-wrap items-end gap-3"
      onSubmit={submit}
    >
      {children}
      <Button type="submit" variant="secondary">
        {submitLabel}
      </Button>
    </form>
  );
}

/** A labelled input of a FilterForm, named `name`; `className` replaces its widths. */
export function FilterInput({
  id,
  label,
  name,
  filter,
  className,
  ...input
}: { id: string; label: string; name: string; filter: Record<string, string> } & ComponentProps<'input'>) {
  return (
    <Field id={id} label={label} className={cn('min-w-40', className ?? 'flex-1 sm:max-w-72')}>
      <Input id={id} name={name} defaultValue={filter[name]} {...input} />
    </Field>
  );
}

/** A labelled choice of a FilterForm that applies the form as soon as it changes. */
export function FilterSelect({
  id,
  label,
  name,
  filter,
  options,
}: {
  id: string;
  label: string;
  name: string;
  filter: Record<string, string>;
  options: { value: string; label: string }[];
}) {
  return (
    <Field id={id} label={label} className="min-w-40 max-sm:flex-1">
      <select
        id={id}
        name={name}
        defaultValue={filter[name]}
        className={inputClass}
        onChange={(e) => e.currentTarget.form?.requestSubmit()}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
