import { PageHeading } from '../../components/page-heading.tsx';
import { Link } from 'react-router';
import { ListState, ShowMore } from '../../components/list-state.tsx';
import { useMarkRead, useNotifications } from '../../hooks/api/notifications.ts';
import { formatTime } from '../../lib/api.ts';

export function NotificationsPage() {
  const notifications = useNotifications();
  const mark = useMarkRead();
  const error = mark.one.error ?? mark.all.error;
  return (
    <section aria-labelledby="notifications-title">
      <PageHeading id="notifications-title" title="Notifications" />
      <p>
        {notifications.unreadCount} unread{' '}
        {notifications.unreadCount > 0 && (
          <button
            type="button"
            className="secondary"
            onClick={() => mark.all.mutate()}
            disabled={mark.all.isPending}
          >
            Mark all as read
          </button>
        )}
      </p>
      {error && <p role="alert">{error.message}</p>}
      <ListState
        list={notifications}
        what="notifications"
        empty="No notifications yet: order updates appear here."
      />
      <ul className="rows notifications">
        {notifications.items.map((n) => (
          <li key={n.id} className={n.read ? 'read' : 'unread'}>
            <span>
              {!n.read && <span className="visually-hidden">Unread: </span>}
              <Link to={`/orders/${n.orderId}`} onClick={() => !n.read && mark.one.mutate(n.id)}>
                {n.title}
              </Link>
              {n.body && <span className="muted"> {n.body}</span>}
            </span>
            <time dateTime={n.createdAt}>{formatTime(n.createdAt)}</time>
            {!n.read && (
              <button type="button" className="link" onClick={() => mark.one.mutate(n.id)}>
                Mark read
              </button>
            )}
          </li>
        ))}
      </ul>
      <ShowMore list={notifications} />
    </section>
  );
}
