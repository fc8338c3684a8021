import type { SmsSender } from '../src/modules/auth/sms-sender.ts';

/** Captures texts instead of sending them: the test reads the code a phone was sent. */
export class SmsOutbox implements SmsSender {
  readonly sent: { phone: string; text: string }[] = [];
  async send(phone: string, text: string) {
    this.sent.push({ phone, text });
  }
  codeFor(phone: string): string {
    const text = this.sent.filter((m) => m.phone === phone).at(-1)?.text ?? '';
    return /\b(\d{6})\b/.exec(text)?.[1] ?? '';
  }
}

let phoneCounter = 0;
/** A phone number no other test in this process uses. */
export const newPhone = () =>
  `+4477${String(process.pid % 1000).padStart(3, '0')}${String(++phoneCounter).padStart(6, '0')}`;
