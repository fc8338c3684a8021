import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Field, Input } from '../../components/ui/field.tsx';

export function TrackFormPage() {
  const [number, setNumber] = useState('');
  const navigate = useNavigate();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const clean = number.trim().toUpperCase();
    if (clean) void navigate(`/track/${encodeURIComponent(clean)}`);
  };
  return (
    <section aria-labelledby="track-title" className="max-w-md">
      <PageHeading id="track-title" title="Track an order" />
      <p className="text-muted-foreground">
        The order number is in your confirmation, ten letters and digits.
      </p>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <Field id="order-number" label="Order number" className="grow">
          <Input
            id="order-number"
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            autoComplete="off"
            placeholder="e.g. 7KX2M9QPLA"
            maxLength={20}
            required
          />
        </Field>
        <Button type="submit">Track</Button>
      </form>
    </section>
  );
}
