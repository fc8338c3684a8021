import { Link } from 'react-router';
import type { Notification } from '@igniflo/contract';
import { ListState, ShowMore } from '../../components/list-state.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { Button } from '../../components/ui/button.tsx';
import { useMarkRead, useNotifications } from '../../hooks/api/notifications.ts';
import { formatTime } from '../../lib/api.ts';
import { cn } from '../../lib/cn.ts';

/** Where a notification leads: its order, or for an admin the webhook it is about. */
const linkOf = (n: Notification) =>
  n.orderId ? `/orders/${n.orderId}` : `/admin/webhooks?webhook=${n.webhookId ?? ''}`;

export function NotificationsPage() {
  const notifications = useNotifications();
  const mark = useMarkRead();
  const error = mark.one.error ?? mark.all.error;
  return (
    <section aria-labelledby="notifications-title" className="max-w-3xl">
      <PageHeading id="notifications-title" title="Notifications" />
      <div className="flex flex-wrap items-center gap-3">
        <p className="m-0">{notifications.unreadCount} unread</p>
        {notifications.unreadCount > 0 && (
          <Button
            variant="secondary"
            size="sm"
            onClick={() => mark.all.mutate()}
            disabled={mark.all.isPending}
          >
            Mark all as read
          </Button>
        )}
      </div>
      {error && <p role="alert">{error.message}</p>}
      <ListState
        list={notifications}
        what="notifications"
        empty="No notifications yet: order updates appear here."
      />
      <ul
        className={cn(
          'my-3 flex flex-col divide-y divide-border',
          notifications.items.length > 0 && 'rounded-lg border border-border bg-card',
        )}
      >
        {notifications.items.map((n) => (
          <li key={n.id} className="flex flex-wrap items-start gap-x-4 gap-y-1 p-3">
            <span
              aria-hidden="true"
              className={cn('mt-2 size-2 shrink-0 rounded-full', n.read ? 'bg-transparent' : 'bg-primary')}
            />
            <span className="flex min-w-0 grow basis-64 flex-col">
              <span className={cn('break-words', !n.read && 'font-semibold')}>
                {!n.read && <span className="sr-only">Unread: </span>}
                <Link to={linkOf(n)} onClick={() => !n.read && mark.one.mutate(n.id)}>
                  {n.title}
                </Link>
              </span>
              {n.body && <span className="text-sm break-words text-muted-foreground">{n.body}</span>}
            </span>
            <time dateTime={n.createdAt} className="text-sm text-muted-foreground">
              {formatTime(n.createdAt)}
            </time>
            {!n.read && (
              <Button variant="link" size="sm" className="h-auto px-0" onClick={() => mark.one.mutate(n.id)}>
                Mark read
              </Button>
            )}
          </li>
        ))}
      </ul>
      <ShowMore list={notifications} />
    </section>
  );
}
