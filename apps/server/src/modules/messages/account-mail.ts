/**
 * Account mail (SPEC §10, §13): verification and reset links and security notices, queued in the
 * caller's transaction as rows of the same `messages` queue the order messages use; the dispatcher
 * sends them with the same retries once the transaction has committed and woken it.
 */
import { afterCommit } from '../../platform/db/transaction.ts';
import { now, type Tx } from '../../platform/db/database.ts';
import { insertMessages } from './messages.repository.ts';
import { renderHtml, renderText } from './templates/layout.ts';
import {
  renderAccountMessage,
  type AccountMessageInput,
  type AccountTemplate,
} from './templates/account-messages.ts';

export type { AccountTemplate } from './templates/account-messages.ts';

export interface AccountMail {
  /** Whether email is on (SMTP_URL); with it off nothing is queued. */
  readonly enabled: boolean;
  /** Where the links lead (PUBLIC_URL). */
  readonly publicUrl: string;
  queue(
    tx: Tx,
    mail: { userId: string; to: string; template: AccountTemplate; input: AccountMessageInput },
  ): Promise<void>;
  /** Called after each commit that queued account mail (the dispatcher's wake-up). */
  onQueued(listener: () => void): void;
}

export function createAccountMail({
  enabled,
  publicUrl,
  shopName,
}: {
  enabled: boolean;
  publicUrl: string;
  shopName: string;
}): AccountMail {
  const listeners: (() => void)[] = [];
  return {
    enabled,
    publicUrl,
    async queue(tx, { userId, to, template, input }) {
      if (!enabled) return;
      const message = renderAccountMessage(template, input);
      const footer = { shopName, reason: message.reason };
      const at = now();
      await insertMessages(tx, [
        {
          user_id: userId,
          order_id: null,
          event_id: null,
          channel: 'email',
          recipient: to,
          template,
          subject: message.subject,
          text_body: renderText(message.content, footer),
          html_body: renderHtml(message.content, footer),
          headers: '{}',
          status: 'QUEUED',
          attempts: 0,
          next_attempt_at: at,
          created_at: at,
        },
      ]);
      afterCommit(tx, () => {
        for (const listener of listeners) listener();
      });
    },
    onQueued(listener) {
      listeners.push(listener);
    },
  };
}
