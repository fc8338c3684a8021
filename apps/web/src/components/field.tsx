import type { InputHTMLAttributes, ReactNode } from 'react';

/** A labelled input: the label above (or beside, in a row of filters) and tied to it by id. */
export function Field({
  id,
  label,
  ...input
}: { id: string; label: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input id={id} {...input} />
    </>
  );
}
