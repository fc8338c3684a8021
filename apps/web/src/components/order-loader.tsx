import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Order } from '@igniflo/contract';
import { useOrder } from '../hooks/api/orders.ts';
import { ApiError } from '../lib/api.ts';
import { LoadError, Skeleton } from './list-state.tsx';
import { PageHeading } from './page-heading.tsx';

/**
 * A page about one order: the skeleton while it loads, "not found" with a way back (or the error with
 * "Try again") when it does not, and the page once it has it.
 */
export function OrderLoader({
  id,
  back,
  children,
}: {
  id: string;
  back: { to: string; label: string };
  children: (order: Order) => ReactNode;
}) {
  const order = useOrder(id);
  if (order.isPending) return <Skeleton label="Loading the order" rows={5} />;
  if (order.isLoadingError) {
    if (!(order.error instanceof ApiError && order.error.status === 404))
      return <LoadError what="the order" error={order.error} retry={order.refetch} />;
    return (
      <section>
        <PageHeading title="Order not found" />
        <p>No order you can open has this address.</p>
        <Link to={back.to}>{back.label}</Link>
      </section>
    );
  }
  return children(order.data);
}
