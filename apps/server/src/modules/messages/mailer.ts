/** Email out over SMTP (SMTP_URL), with nodemailer: one pooled transport per process. */
import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string>;
}

/** Sends one email; rejects when the mail server refuses it or does not answer in time. */
export interface MailSender {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** The shop's name as mails sign with it: MAIL_FROM's display name ("Camp Shop <shop@…>"). */
export const shopNameOf = (from: string | undefined): string =>
  /^"?([^"<]+?)"?\s*</.exec(from ?? '')?.[1] ?? 'Igniflo';

const SEND_TIMEOUT_MS = 15_000;

export class SmtpMailSender implements MailSender {
  readonly #transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.#transport = nodemailer.createTransport({
      url,
      pool: true,
      maxConnections: 2,
      connectionTimeout: SEND_TIMEOUT_MS,
      greetingTimeout: SEND_TIMEOUT_MS,
      socketTimeout: SEND_TIMEOUT_MS,
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.#transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html === null ? {} : { html: mail.html }),
      headers: mail.headers,
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS * 2),
    });
  }

  close(): void {
    this.#transport.close();
  }
}
