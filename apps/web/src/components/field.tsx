import type { ComponentProps } from 'react';
import { Field, Input } from './ui/field.tsx';

/** A labelled text input: the ui Field with an Input in it, for the many forms that need just that. */
export function TextField({
  id,
  label,
  error,
  ...input
}: { id: string; label: string; error?: string | null } & ComponentProps<'input'>) {
  return (
    <Field id={id} label={label} error={error}>
      <Input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...input}
      />
    </Field>
  );
}
