import type { FastifyBaseLogger } from 'fastify';

/** Delivers a text message; swap in a real SMS gateway behind this interface. */
export interface SmsSender {
  send(phone: string, text: string): Promise<void>;
}

/** The default sender: writes the message, code included, to the server log, for development. */
export class LogSmsSender implements SmsSender {
  constructor(private readonly log: FastifyBaseLogger) {}

  async send(phone: string, text: string): Promise<void> {
    this.log.info({ phone }, `SMS to ${phone}: ${text}`);
  }
}
