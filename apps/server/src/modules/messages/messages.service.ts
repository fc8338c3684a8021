/**
 * Messages to customers (SPEC §13): what staff see of them on an order, each customer's
 * preferences, and one-click unsubscribe. Sending is the dispatcher's (message-dispatcher.ts).
 */
import type { Message, Preferences, PreferencesPatch } from '@igniflo/contract';
import type { Db } from '../../platform/db/database.ts';
import { now } from '../../platform/db/database.ts';
import { conflict, invalid, notFound } from '../../lib/errors.ts';
import type { Actor, OrdersService } from '../orders/orders.service.ts';
import { userDirectory } from '../users/user-directory.ts';
import type { UserRow } from '../users/users.table.ts';
import { lastErrors, messagesOfOrder } from './messages.repository.ts';
import type { MessageRow } from './messages.table.ts';
import { userOfUnsubscribeToken } from './unsubscribe-token.ts';

/** c•••@example.com, +•••••••1234: enough to tell which address, not enough to write to it. */
export function maskRecipient(recipient: string): string {
  const at = recipient.indexOf('@');
  if (at > 0) return `${recipient[0]}•••${recipient.slice(at)}`;
  return `${recipient.startsWith('+') ? '+' : ''}${'•'.repeat(Math.max(0, recipient.length - 5))}${recipient.slice(-4)}`;
}

const toMessage = (row: MessageRow, lastError: string | undefined): Message => ({
  id: row.id,
  channel: row.channel,
  recipient: maskRecipient(row.recipient),
  template: row.template,
  subject: row.subject,
  status: row.status,
  attempts: row.attempts,
  lastError: row.status === 'SENT' ? null : (lastError ?? null),
  createdAt: row.created_at,
  sentAt: row.sent_at,
});

const toPreferences = (user: UserRow): Preferences => ({
  email: { orderUpdates: user.email_order_updates === 1 },
  sms: {
    orderUpdates: user.sms_order_updates === 1,
    available: user.phone !== null && user.phone_verified_at !== null,
  },
});

export type MessagesService = ReturnType<typeof createMessagesService>;

export function createMessagesService({
  db,
  orders,
  secret,
}: {
  db: Db;
  orders: OrdersService;
  secret: string;
}) {
  async function account(userId: string): Promise<UserRow> {
    const user = await userDirectory.byId(db, userId);
    if (!user) throw notFound('User');
    return user;
  }

  return {
    /** An order's messages, oldest first (staff and admin; the route checks the role). */
    async ofOrder(actor: Actor, orderId: string): Promise<{ items: Message[] }> {
      const order = await orders.visible(actor, orderId);
      const rows = await messagesOfOrder(db, order.id);
      const errors = await lastErrors(
        db,
        rows.filter((row) => row.status !== 'SENT').map((row) => row.id),
      );
      return { items: rows.map((row) => toMessage(row, errors.get(row.id))) };
    },

    preferences: async (userId: string): Promise<Preferences> => toPreferences(await account(userId)),

    async updatePreferences(userId: string, patch: PreferencesPatch): Promise<Preferences> {
      const user = await account(userId);
      if (patch.sms?.orderUpdates && (user.phone === null || user.phone_verified_at === null)) {
        throw conflict('Texts go only to a verified phone: add and verify one first');
      }
      const updated = await userDirectory.update(db, userId, {
        ...(patch.email ? { email_order_updates: patch.email.orderUpdates ? 1 : 0 } : {}),
        ...(patch.sms ? { sms_order_updates: patch.sms.orderUpdates ? 1 : 0 } : {}),
        updated_at: now(),
      });
      if (!updated) throw notFound('User');
      return toPreferences(updated);
    },

    /** Turns email order updates off for the account a link was signed for. */
    async unsubscribe(token: string): Promise<{ unsubscribed: true; channel: 'email' }> {
      const userId = userOfUnsubscribeToken(secret, token);
      if (userId === undefined) throw invalid('This unsubscribe link is not valid');
      await userDirectory.update(db, userId, { email_order_updates: 0, updated_at: now() });
      return { unsubscribed: true, channel: 'email' };
    },
  };
}
