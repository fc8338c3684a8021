import type { Order } from '@igniflo/contract';

/** What the customer asked for in their own words: a custom request's title and description, and any instructions. */
export function OrderRequest({
  order,
}: {
  order: Pick<Order, 'title' | 'description' | 'specialInstructions'>;
}) {
  if (!order.title && !order.description && !order.specialInstructions) return null;
  return (
    <div className="mb-3 flex flex-col gap-1">
      {order.title && <p className="m-0 font-medium">{order.title}</p>}
      {order.description && <p className="m-0 break-words whitespace-pre-line">{order.description}</p>}
      {order.specialInstructions && (
        <p className="m-0 text-sm text-muted-foreground">Instructions: {order.specialInstructions}</p>
      )}
    </div>
  );
}
