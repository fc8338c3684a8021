import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import type { Order } from '@igniflo/contract';
import { TextField } from '../../components/field.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Field } from '../../components/ui/field.tsx';
import { keys } from '../../hooks/api/query-keys.ts';
import { api, ApiError } from '../../lib/api.ts';
import { useSession } from '../../lib/session.tsx';

/**
 * A custom request: something not in the catalog, described in words. It becomes an order without
 * items that the shop prices and confirms (SPEC: an order needs items, or a title or description).
 */
export function RequestPage() {
  const { accessToken } = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [form, setForm] = useState({ title: '', description: '', specialInstructions: '' });
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFieldErrors({});
    const body = Object.fromEntries(
      Object.entries(form)
        .map(([k, v]): [string, string] => [k, v.trim()])
        .filter(([, v]) => v !== ''),
    );
    try {
      const order = await api<Order>('/orders', {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken ?? ''}`, 'idempotency-key': idempotencyKey },
        body: JSON.stringify(body),
      });
      await client.invalidateQueries({ queryKey: keys.orders.mine() });
      void navigate(`/orders/${order.id}`);
    } catch (failure) {
      if (failure instanceof ApiError) setFieldErrors(failure.fieldErrors('body/'));
      setError(failure instanceof Error ? failure.message : 'The request could not be sent');
    } finally {
      setBusy(false);
    }
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
        {error && <p role="alert">{error}</p>}
        <Button type="submit" className="self-start" disabled={busy}>
          {busy ? 'Sending…' : 'Send request'}
        </Button>
      </form>
    </section>
  );
}
