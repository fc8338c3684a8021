import { useEffect, useState } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import { Bell, Menu, Monitor, Moon, ShoppingCart, Sun, X } from 'lucide-react';
import { useCart } from '../hooks/api/cart.ts';
import { useLiveEvents } from '../hooks/api/live.ts';
import { useNotifications } from '../hooks/api/notifications.ts';
import { cn } from '../lib/cn.ts';
import { useSession } from '../lib/session.tsx';
import { applyTheme, storedTheme, type Theme } from '../lib/theme.ts';
import { Avatar } from './avatar.tsx';
import { Button } from './ui/button.tsx';

const linkClass = ({ isActive }: { isActive: boolean }) =>
  cn(
    'rounded-md px-2 py-1.5 whitespace-nowrap text-foreground no-underline hover:bg-muted',
    isActive && 'font-semibold underline underline-offset-4',
  );

function NotificationBell() {
  const unread = useNotifications().unreadCount;
  return (
    <NavLink
      to="/notifications"
      className="relative inline-flex size-10 items-center justify-center rounded-md text-foreground hover:bg-muted"
      aria-label={`Notifications, ${unread} unread`}
    >
      <Bell aria-hidden="true" className="size-5" />
      {unread > 0 && (
        <span
          aria-hidden="true"
          className="absolute top-0.5 right-0 min-w-5 rounded-full bg-destructive px-1 text-center text-xs leading-5 font-bold text-destructive-foreground"
        >
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </NavLink>
  );
}

const THEMES: { theme: Theme; label: string; Icon: typeof Sun }[] = [
  { theme: 'system', label: 'Theme: as the system', Icon: Monitor },
  { theme: 'light', label: 'Theme: light', Icon: Sun },
  { theme: 'dark', label: 'Theme: dark', Icon: Moon },
];

function ThemeButton() {
  const [theme, setTheme] = useState<Theme>(storedTheme);
  const index = THEMES.findIndex((t) => t.theme === theme);
  const { label, Icon } = THEMES[index]!;
  const next = THEMES[(index + 1) % THEMES.length]!;
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label={`${label}. Switch to ${next.theme}`}
      title={label}
      onClick={() => {
        applyTheme(next.theme);
        setTheme(next.theme);
      }}
    >
      <Icon aria-hidden="true" />
    </Button>
  );
}

/**
 * One row at every width: on a phone the links fold behind a Menu button, so the header stays
 * 56 px high; the cart and the bell stay in sight.
 */
export function AppHeader() {
  const { user, restoring, logout } = useSession();
  const live = useLiveEvents();
  const count = useCart().view.count;
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => setOpen(false), [pathname]);
  const customer = !user || user.role === 'CUSTOMER';
  // The order pages belong to the board; the list and the returns queue have their own links.
  const offBoard = pathname.startsWith('/staff/returns') || pathname === '/staff/list';
  return (
    <header className="sticky top-0 z-40 border-b border-border bg-card">
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-2 px-3">
        <Link to="/" className="mr-2 text-lg font-bold text-foreground no-underline">
          Igniflo
        </Link>
        <div
          id="site-menu"
          className={cn(
            'md:static md:flex md:flex-1 md:flex-row md:items-center md:gap-1 md:border-0 md:p-0 md:shadow-none',
            open
              ? 'absolute inset-x-0 top-14 flex flex-col gap-1 border-b border-border bg-card p-3 shadow-lg'
              : 'hidden',
          )}
        >
          <nav aria-label="Main" className="flex flex-col gap-1 md:flex-row md:items-center">
            <NavLink to="/" end className={linkClass}>
              Catalog
            </NavLink>
            <NavLink to="/track" className={linkClass}>
              Track an order
            </NavLink>
            {customer && (
              <NavLink to="/wishlist" className={linkClass}>
                Wishlist
              </NavLink>
            )}
            {user?.role === 'CUSTOMER' && (
              <NavLink to="/orders" className={linkClass}>
                My orders
              </NavLink>
            )}
            {user && user.role !== 'CUSTOMER' && (
              <NavLink
                to="/staff"
                aria-current={offBoard ? 'false' : 'page'}
                className={({ isActive }) => linkClass({ isActive: isActive && !offBoard })}
              >
                Order board
              </NavLink>
            )}
            {user && user.role !== 'CUSTOMER' && (
              <NavLink to="/staff/list" className={linkClass}>
                Order list
              </NavLink>
            )}
            {user && user.role !== 'CUSTOMER' && (
              <NavLink to="/staff/returns" className={linkClass}>
                Returns
              </NavLink>
            )}
            {user?.role === 'ADMIN' && (
              <NavLink to="/admin" className={linkClass}>
                Admin
              </NavLink>
            )}
            {/* Not offered while the session is being restored: the visitor may well be signed in. */}
            {!user && !restoring && (
              <NavLink to="/login" className={linkClass}>
                Sign in
              </NavLink>
            )}
            {!user && !restoring && (
              <NavLink to="/register" className={linkClass}>
                Create account
              </NavLink>
            )}
          </nav>
          {user && (
            <nav aria-label="Account" className="flex flex-col gap-1 md:ml-auto md:flex-row md:items-center">
              <NavLink
                to="/account"
                className={(state) => cn(linkClass(state), 'inline-flex items-center gap-2')}
              >
                <Avatar user={user} />
                {user.name}
              </NavLink>
              <Button variant="ghost" size="sm" className="justify-start" onClick={() => void logout()}>
                Sign out
              </Button>
            </nav>
          )}
        </div>
        <div className="ml-auto flex items-center gap-1 md:ml-2">
          {live === 'reconnecting' && (
            <span role="status" className="text-sm text-warning">
              Reconnecting…
            </span>
          )}
          {customer && (
            <NavLink
              to="/cart"
              aria-label={`Cart (${count})`}
              className="inline-flex h-10 items-center gap-1 rounded-md px-2 text-foreground no-underline hover:bg-muted"
            >
              <ShoppingCart aria-hidden="true" className="size-5" />
              <span aria-hidden="true" className="font-semibold">
                {count}
              </span>
            </NavLink>
          )}
          {/* Customers hear of their orders; admins of webhooks turned off. */}
          {(user?.role === 'CUSTOMER' || user?.role === 'ADMIN') && <NotificationBell />}
          <ThemeButton />
          <Button
            variant="ghost"
            size="icon"
            className="md:hidden"
            aria-expanded={open}
            aria-controls="site-menu"
            aria-label="Menu"
            onClick={() => setOpen((o) => !o)}
          >
            {open ? <X aria-hidden="true" /> : <Menu aria-hidden="true" />}
          </Button>
        </div>
      </div>
    </header>
  );
}
