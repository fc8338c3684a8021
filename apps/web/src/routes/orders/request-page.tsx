import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { TextField } from '../../components/field.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Field } from '../../components/ui/field.tsx';
import { filledIn, usePlaceOrder } from '../../hooks/api/orders.ts';
import { ApiError } from '../../lib/api.ts';

/**
 * A custom request: something not in the catalog, described in words. It becomes an order without
 * items that the shop prices and confirms (SPEC: an order needs items, or a title or description).
 */
export function RequestPage() {
  const navigate = useNavigate();
  const place = usePlaceOrder();
  const [form, setForm] = useState({ title: '', description: '', specialInstructions: '' });
  const fieldErrors = place.error instanceof ApiError ? place.error.fieldErrors('body/') : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    place.mutate(filledIn(form), { onSuccess: (order) => void navigate(`/orders/${order.id}`) });
  };

  return (
    <section aria-labelledby="request-title" className="max-w-xl">
      <PageHeading id="request-title" title="Ask for something made to order" />
      <p className="text-muted-foreground">
        Describe what you would like. The shop replies on the order page with a price before anything is made.
      </p>
      <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-3">
        <TextField
          id="request-title-field"
          label="What would you like?"
          value={form.title}
          required
          maxLength={200}
          error={fieldErrors.title}
          onChange={(e) => setForm({ ...form, title: e.target.value })}
        />
        <Field
          id="request-description"
          label="Details (size, colour, quantity…)"
          error={fieldErrors.description}
        >
          <textarea
            id="request-description"
            className="p-2"
            rows={5}
            maxLength={5000}
            value={form.description}
            onChange={(e) => setForm({ ...form, description: e.target.value })}
          />
        </Field>
        <Field
          id="request-instructions"
          label="Anything else? (optional)"
          error={fieldErrors.specialInstructions}
        >
          <textarea
            id="request-instructions"
            className="p-2"
            rows={2}
            maxLength={2000}
            value={form.specialInstructions}
            onChange={(e) => setForm({ ...form, specialInstructions: e.target.value })}
          />
        </Field>
        {place.error && <p role="alert">{place.error.message}</p>}
        <Button type="submit" className="self-start" disabled={place.isPending}>
          {place.isPending ? 'Sending…' : 'Send request'}
        </Button>
      </form>
    </section>
  );
}
