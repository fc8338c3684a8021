import type { FastifyBaseLogger } from 'fastify';
import { ErrorCode } from '@igniflo/contract';
import { AppError } from '../../lib/errors.ts';

/** Delivers a text message. */
export interface SmsSender {
  send(phone: string, text: string): Promise<void>;
}

/**
 * The development sender: writes the message, code included, to the server log. Never use it in
 * production, where the log must not hold sign-in codes; set SMS_WEBHOOK_URL instead.
 */
export class LogSmsSender implements SmsSender {
  constructor(private readonly log: FastifyBaseLogger) {}

  async send(phone: string, text: string): Promise<void> {
    this.log.info({ phone }, `SMS to ${phone}: ${text}`);
  }
}

const SEND_TIMEOUT_MS = 5000;

/**
 * Posts `{ to, text }` as JSON to an SMS gateway (SMS_WEBHOOK_URL): a relay in front of Twilio,
 * Vonage or a carrier's API. A gateway that fails or is slow makes the request fail with 503.
 */
export class HttpSmsSender implements SmsSender {
  constructor(private readonly url: string) {}

  async send(phone: string, text: string): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: phone, text }),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    }).catch(() => null);
    if (!response?.ok) {
      throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 503, 'The code could not be sent; try again shortly');
    }
  }
}
