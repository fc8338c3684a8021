import { NavLink } from 'react-router';

const LINKS = [
  { to: '/admin', label: 'Dashboard', end: true },
  { to: '/admin/products', label: 'Products' },
  { to: '/admin/orders', label: 'Orders' },
  { to: '/admin/users', label: 'Users' },
  { to: '/admin/webhooks', label: 'Webhooks' },
  { to: '/admin/audit', label: 'Audit log' },
];

/** The admin section's own navigation, above each admin page; the current page is marked in bold. */
export function AdminNav() {
  return (
    <nav aria-label="Admin" className="border-b border-border pb-2">
      <ul className="m-0 flex list-none flex-wrap gap-x-4 gap-y-1 p-0">
        {LINKS.map(({ to, label, end }) => (
          <li key={to}>
            <NavLink to={to} end={end} className="aria-[current=page]:font-semibold">
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
