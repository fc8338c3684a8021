import { AdminNav } from '../../components/admin-nav.tsx';
import { OrdersList } from '../staff/orders-list.tsx';

/** Every order, as staff see them, within the admin pages. */
export function AdminOrdersPage() {
  return <OrdersList nav={<AdminNav />} title="All orders" />;
}
