import type { Order } from '@igniflo/contract';
import { formatMoney } from '../lib/api.ts';

/** The order's lines with unit price and line total, the order's total, and what was refunded of it. */
export function OrderLines({ order, empty }: { order: Order; empty?: string }) {
  const money = (cents: number) => formatMoney(cents, order.currency);
  if (order.items.length === 0 && empty) return <p className="m-0 text-muted-foreground">{empty}</p>;
  return (
    <table className="w-full border-collapse text-left">
      <caption className="sr-only">Items in order {order.orderNumber}</caption>
      <thead className="text-sm text-muted-foreground">
        <tr>
          <th scope="col" className="py-2 font-medium">
            Item
          </th>
          <th scope="col" className="py-2 pl-3 text-right font-medium">
            Price
          </th>
          <th scope="col" className="py-2 pl-3 text-right font-medium">
            Qty
          </th>
          <th scope="col" className="py-2 pl-3 text-right font-medium">
            Total
          </th>
        </tr>
      </thead>
      <tbody>
        {order.items.map((item, line) => {
          const options = Object.entries(item.options).map(([name, value]) => `${name}: ${value}`);
          return (
            <tr key={line} className="border-t border-border">
              <td className="py-2">
                {item.name}
                {options.length > 0 && (
                  <span className="block text-sm text-muted-foreground">{options.join(', ')}</span>
                )}
              </td>
              <td className="py-2 pl-3 text-right">{money(item.unitPriceCents)}</td>
              <td className="py-2 pl-3 text-right">{item.quantity}</td>
              <td className="py-2 pl-3 text-right">{money(item.unitPriceCents * item.quantity)}</td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr className="border-t-2 border-border font-semibold">
          <th scope="row" colSpan={3} className="py-2 pl-3 text-right">
            Total
          </th>
          <td className="py-2 pl-3 text-right">{money(order.totalCents)}</td>
        </tr>
        {order.refundedCents > 0 && (
          <tr className="text-muted-foreground">
            <th scope="row" colSpan={3} className="py-1 text-right font-medium">
              Refunded
            </th>
            <td className="py-1 text-right">−{money(order.refundedCents)}</td>
          </tr>
        )}
      </tfoot>
    </table>
  );
}
