import { Link } from 'react-router';
import { PageHeading } from './page-heading.tsx';

/** A page that does not exist, or is not open to this account: says which, and where to go. */
export function NotHere({ reason }: { reason: 'missing' | 'forbidden' }) {
  const missing = reason === 'missing';
  return (
    <section>
      <PageHeading title={missing ? 'Page not found' : 'Not open to your account'} />
      <p>
        {missing
          ? 'There is no page at this address. It may have moved, or the link may be mistyped.'
          : 'This page is for shop staff. Sign in with a staff account to open it.'}
      </p>
      <ul className="flex flex-wrap gap-4">
        <li>
          <Link to="/">Browse the catalog</Link>
        </li>
        <li>
          <Link to="/track">Track an order</Link>
        </li>
      </ul>
    </section>
  );
}
