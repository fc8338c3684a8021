import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeChannels, describeDatabase, openUrl, startBanner } from './start-banner.ts';

describe('the start banner', () => {
  it('gives an address a browser can open, whatever interface the server listens on', () => {
    expect(openUrl('0.0.0.0', 3000)).toBe('http://localhost:3000');
    expect(openUrl('::', 3000)).toBe('http://localhost:3000');
    expect(openUrl('127.0.0.1', 8080)).toBe('http://127.0.0.1:8080');
    expect(openUrl('::1', 8080)).toBe('http://[::1]:8080');
    expect(openUrl('shop.internal', 80)).toBe('http://shop.internal:80');
  });

  it('names the database without a PostgreSQL password', () => {
    expect(
      describeDatabase({ dialect: 'postgres', url: 'postgres://igniflo:s3cret@db.example:5432/shop' }),
    ).toBe('PostgreSQL at db.example:5432/shop');
    const file = path.resolve('data/igniflo.db');
    expect(describeDatabase({ dialect: 'sqlite', file, synchronous: 'FULL' })).toBe(
      `SQLite in ${path.join('data', 'igniflo.db')}`,
    );
  });

  it('says which message channels are on, without the credentials of the SMTP URL', () => {
    expect(describeChannels({ mail: null, smsWebhookUrl: null })).toBe(
      'email off (set SMTP_URL), texts off (set SMS_WEBHOOK_URL)',
    );
    const on = describeChannels({
      mail: { smtpUrl: 'smtps://shop:s3cret@smtp.example:465', from: 'Shop <a@shop.example>' },
      smsWebhookUrl: 'https://sms.example/send',
    });
    expect(on).toBe('email via smtp.example:465, texts via SMS_WEBHOOK_URL');
  });

  it('lists new demo passwords, or the existing accounts and how to renew them', () => {
    const facts = {
      url: 'http://localhost:3000',
      database: 'SQLite in data/igniflo.db',
      messages: 'email off (set SMTP_URL), texts off (set SMS_WEBHOOK_URL)',
    };
    const account = { role: 'ADMIN' as const, email: 'admin@demo.igniflo.local', password: 'p4ss' };
    expect(startBanner({ ...facts, demo: { kind: 'created', accounts: [account] } })).toMatch(
      /shown only this once[^]*ADMIN +admin@demo\.igniflo\.local +password: p4ss/,
    );
    const later = startBanner({ ...facts, demo: { kind: 'existing', emails: [account.email] } });
    expect(later).toContain('Demo accounts: admin@demo.igniflo.local\n');
    expect(later).toContain('RESET_DEMO_PASSWORDS=true');
    expect(later).not.toContain('password:');
    expect(startBanner({ ...facts, demo: { kind: 'none' } })).not.toContain('Demo');
  });
});
