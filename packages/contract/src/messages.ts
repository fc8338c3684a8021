/** Messages to customers (SPEC §13): what staff see of them, and what customers choose. */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, StringEnum, Timestamp } from './common.ts';

export const MessageChannel = StringEnum(['email', 'sms']);
export const MessageStatus = StringEnum(['QUEUED', 'SENT', 'FAILED']);

/** A message as staff read it on the order: the recipient masked (c•••@example.com, +•••••••1234). */
export const Message = Type.Object(
  {
    id: Type.Integer(),
    channel: MessageChannel,
    recipient: Type.String(),
    template: Type.String(),
    subject: Type.String(),
    status: MessageStatus,
    attempts: Type.Integer(),
    lastError: Nullable(Type.String()),
    createdAt: Timestamp,
    sentAt: Nullable(Timestamp),
  },
  { $id: 'Message' },
);
export type Message = Static<typeof Message>;

export const MessageList = Type.Object({ items: Type.Array(Message) });
export type MessageList = Static<typeof MessageList>;

export const Preferences = Type.Object(
  {
    email: Type.Object({ orderUpdates: Type.Boolean() }),
    sms: Type.Object({
      orderUpdates: Type.Boolean(),
      /** Texts go only to a verified phone; false while there is none. */
      available: Type.Boolean(),
    }),
  },
  { $id: 'Preferences' },
);
export type Preferences = Static<typeof Preferences>;

export const PreferencesPatch = Type.Object(
  {
    email: Type.Optional(Type.Object({ orderUpdates: Type.Boolean() }, { additionalProperties: false })),
    sms: Type.Optional(Type.Object({ orderUpdates: Type.Boolean() }, { additionalProperties: false })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PreferencesPatch = Static<typeof PreferencesPatch>;

/** The signed token of an unsubscribe link; the link is the only place it appears. */
export const UnsubscribeQuery = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 500 }) },
  { additionalProperties: false },
);
export const Unsubscribed = Type.Object({ unsubscribed: Type.Literal(true), channel: MessageChannel });
