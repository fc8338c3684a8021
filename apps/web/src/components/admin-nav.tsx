import { NavLink } from 'react-router';

/** The admin section's own navigation, above each admin page. */
export function AdminNav() {
  return (
    <nav aria-label="Admin" className="subnav">
      <NavLink to="/admin" end>
        Dashboard
      </NavLink>
      <NavLink to="/admin/products">Products</NavLink>
      <NavLink to="/admin/orders">Orders</NavLink>
      <NavLink to="/admin/users">Users</NavLink>
      <NavLink to="/admin/webhooks">Webhooks</NavLink>
      <NavLink to="/admin/audit">Audit log</NavLink>
    </nav>
  );
}
