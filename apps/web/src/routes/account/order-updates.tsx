import { usePreferences, useUpdatePreferences } from '../../hooks/api/messages.ts';

/** The profile's "Order updates": email and text switches, saved as they change. */
export function OrderUpdates() {
  const preferences = usePreferences();
  const update = useUpdatePreferences();
  // While a change is saved, the switch shows it already; a refusal puts it back.
  const pending = update.isPending ? update.variables : undefined;
  const current = preferences.data && {
    email: { ...preferences.data.email, ...pending?.email },
    sms: { ...preferences.data.sms, ...pending?.sms },
  };
  return (
    <section aria-labelledby="updates-title" className="flex max-w-sm flex-col gap-3">
      <h2 id="updates-title" className="mb-0">
        Order updates
      </h2>
      <p className="m-0 text-muted-foreground">
        We tell you when an order is confirmed, ships, is out for delivery, arrives, or changes.
      </p>
      {current && (
        <>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              className="size-5"
              checked={current.email.orderUpdates}
              disabled={update.isPending}
              onChange={(e) => update.mutate({ email: { orderUpdates: e.target.checked } })}
            />
            By email
          </label>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              className="size-5"
              aria-describedby={current.sms.available ? undefined : 'sms-hint'}
              checked={current.sms.orderUpdates}
              disabled={update.isPending || (!current.sms.available && !current.sms.orderUpdates)}
              onChange={(e) => update.mutate({ sms: { orderUpdates: e.target.checked } })}
            />
            By text message
          </label>
          {!current.sms.available && (
            <p id="sms-hint" className="m-0 text-sm text-muted-foreground">
              Add and verify a phone above to get texts.
            </p>
          )}
        </>
      )}
      {(preferences.error ?? update.error) && (
        <p role="alert" className="m-0">
          {(preferences.error ?? update.error)?.message}
        </p>
      )}
      <p role="status" className="m-0">
        {update.isSuccess ? 'Saved.' : ''}
      </p>
    </section>
  );
}
