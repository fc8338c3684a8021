/**
 * A real SMTP server on loopback (the `smtp-server` package) that keeps what it receives, parsed
 * with `mailparser`: what a customer's mailbox would hold. It can be stopped and started again on
 * the same port, as a mail server outage.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Each header as it was sent, by lowercase name. */
  headers: Map<string, string>;
}

/** Listens on `fixedPort` (the end-to-end tests' server is told it in advance), else on any free port. */
export async function startSmtpInbox(fixedPort = 0) {
  const mails: ReceivedMail[] = [];
  const create = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      // Stopping ends open connections at once, as a crashed mail server would.
      closeTimeout: 50,
      onData(stream, _session, callback) {
        simpleParser(stream).then(
          (mail) => {
            mails.push({
              to: [mail.to ?? []]
                .flat()
                .map((a) => a.text)
                .join(', '),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              headers: new Map(
                mail.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(':') + 1).trim()]),
              ),
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
  let server = create();
  const listen = (port: number) =>
    new Promise<number>((resolve) =>
      server.listen(port, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port)),
    );
  const port = await listen(fixedPort);
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    /** Mails to `address`, oldest first. */
    to: (address: string) => mails.filter((m) => m.to === address),
    /** The mail server goes away: connections are refused until `start`. */
    stop: close,
    async start() {
      server = create();
      await listen(port);
    },
    close,
  };
}
