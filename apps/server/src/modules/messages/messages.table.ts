import type { Generated, Insertable, Selectable } from 'kysely';

export type MessageChannel = 'email' | 'sms';
export type MessageStatus = 'QUEUED' | 'SENT' | 'FAILED';

/** One message to one recipient, rendered when it was queued, with its delivery state. */
export interface MessagesTable {
  id: Generated<number>;
  user_id: string;
  order_id: string | null;
  /** The order event it tells of; null for account mail. */
  event_id: number | null;
  channel: MessageChannel;
  recipient: string;
  template: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /** JSON object of extra mail headers (List-Unsubscribe…). */
  headers: string;
  status: MessageStatus;
  attempts: number;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  created_at: string;
  sent_at: string | null;
}
export type MessageRow = Selectable<MessagesTable>;
export type NewMessageRow = Insertable<MessagesTable>;

export interface MessageAttemptsTable {
  id: Generated<number>;
  message_id: number;
  attempt: number;
  succeeded: number;
  error: string | null;
  duration_ms: number;
  at: string;
}
export type MessageAttemptRow = Selectable<MessageAttemptsTable>;

/** How far the order events have been turned into messages; one row, leased by one instance at a time. */
export interface MessageCursorTable {
  id: number;
  last_event_id: number;
  lease_owner: string | null;
  lease_until: string | null;
}
