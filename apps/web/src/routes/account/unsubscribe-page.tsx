import { Link, useSearchParams } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { Button } from '../../components/ui/button.tsx';
import { useUnsubscribe } from '../../hooks/api/messages.ts';

/**
 * Where an email's "Unsubscribe" link leads. It asks before it acts: mail scanners open links, and
 * opening must not unsubscribe anyone (the List-Unsubscribe header's one-click POST needs no page).
 */
export function UnsubscribePage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const unsubscribe = useUnsubscribe();
  return (
    <section aria-labelledby="unsubscribe-title" className="flex max-w-xl flex-col gap-4">
      <PageHeading id="unsubscribe-title" title="Order update emails" className="mb-0" />
      {unsubscribe.isSuccess ? (
        <p role="status" className="m-0">
          Done: you will get no more order update emails. You can turn them on again in{' '}
          <Link to="/account">your profile</Link>.
        </p>
      ) : (
        <>
          <p className="m-0">Stop emails about your orders? Account and security emails still arrive.</p>
          <Button
            className="self-start"
            disabled={!token || unsubscribe.isPending}
            onClick={() => unsubscribe.mutate(token)}
          >
            Unsubscribe
          </Button>
          {(!token || unsubscribe.error) && (
            <p role="alert" className="m-0">
              {unsubscribe.error?.message ?? 'This link is incomplete; use the link from the email.'}
            </p>
          )}
        </>
      )}
    </section>
  );
}
