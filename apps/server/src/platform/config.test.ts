import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const secret = 'x'.repeat(40);

describe('loadConfig', () => {
  it('defaults to an embedded SQLite file and durable commits', () => {
    const config = loadConfig({ JWT_SECRET: secret });
    expect(config.port).toBe(3000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.database).toEqual({
      dialect: 'sqlite',
      file: path.resolve('data/igniflo.db'),
      synchronous: 'FULL',
    });
    expect(config.rateLimitMax).toBe(1000);
    expect(config.authRateLimitMax).toBe(10);
    expect(config.maxUploadBytes).toBe(10 * 1024 * 1024);
    expect(config.seedDemo).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('selects PostgreSQL from a postgres:// DATABASE_URL', () => {
    const url = 'postgres://u@db.example:5432/igniflo';
    expect(loadConfig({ JWT_SECRET: secret, DATABASE_URL: url }).database).toEqual({
      dialect: 'postgres',
      url,
      poolSize: 10,
    });
    expect(loadConfig({ JWT_SECRET: secret, DATABASE_URL: url, DATABASE_POOL_SIZE: '4' }).database).toEqual({
      dialect: 'postgres',
      url,
      poolSize: 4,
    });
  });

  it.each([
    ['PORT', 'eighty', 'PORT'],
    ['PORT', '70000', 'PORT'],
    ['DATABASE_URL', 'mysql://x', 'DATABASE_URL'],
    ['DATABASE_POOL_SIZE', '0', 'DATABASE_POOL_SIZE'],
    ['SEED_DEMO', 'maybe', 'SEED_DEMO'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL'],
    ['SQLITE_SYNCHRONOUS', 'SOMETIMES', 'SQLITE_SYNCHRONOUS'],
    ['RATE_LIMIT_MAX', '-1', 'RATE_LIMIT_MAX'],
    ['JWT_SECRET', 'short', 'JWT_SECRET'],
    ['REDIS_URL', 'localhost:6379', 'REDIS_URL'],
    ['LOG_FORMAT', 'yaml', 'LOG_FORMAT'],
    ['RESET_DEMO_PASSWORDS', 'please', 'RESET_DEMO_PASSWORDS'],
  ])('refuses %s=%s, naming the variable', (name, value, named) => {
    expect(() => loadConfig({ JWT_SECRET: secret, [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ JWT_SECRET: secret, [name]: value })).toThrow(named);
  });

  it('requires JWT_SECRET in production and ADMIN_EMAIL with ADMIN_PASSWORD', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow('JWT_SECRET is required in production');
    expect(() => loadConfig({ JWT_SECRET: secret, ADMIN_EMAIL: 'a@b.c' })).toThrow('ADMIN_PASSWORD');
  });

  it('logs pretty to a terminal outside production, JSON lines otherwise, as LOG_FORMAT may say', () => {
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: secret,
      SMS_WEBHOOK_URL: 'https://sms.example/send',
    };
    expect(loadConfig({ JWT_SECRET: secret }, true).logFormat).toBe('pretty');
    expect(loadConfig({ JWT_SECRET: secret }, false).logFormat).toBe('json');
    expect(loadConfig(production, true).logFormat).toBe('json');
    expect(loadConfig({ JWT_SECRET: secret, LOG_FORMAT: 'json' }, true).logFormat).toBe('json');
    expect(loadConfig({ JWT_SECRET: secret, LOG_FORMAT: 'pretty' }, false).logFormat).toBe('pretty');
    expect(() => loadConfig({ ...production, LOG_FORMAT: 'pretty' }, true)).toThrow(
      'LOG_FORMAT must be json in production',
    );
  });

  it('renews demo passwords only when asked, and never in production', () => {
    expect(loadConfig({ JWT_SECRET: secret }).resetDemoPasswords).toBe(false);
    expect(loadConfig({ JWT_SECRET: secret, RESET_DEMO_PASSWORDS: 'true' }).resetDemoPasswords).toBe(true);
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        JWT_SECRET: secret,
        SMS_WEBHOOK_URL: 'https://sms.example/send',
        RESET_DEMO_PASSWORDS: 'true',
      }),
    ).toThrow('RESET_DEMO_PASSWORDS is refused in production');
  });

  it('requires an SMS gateway in production, so sign-in codes never reach the log', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: secret };
    expect(() => loadConfig(production)).toThrow('SMS_WEBHOOK_URL is required in production');
    expect(() => loadConfig({ ...production, SMS_WEBHOOK_URL: 'ftp://sms' })).toThrow('SMS_WEBHOOK_URL must');
    expect(loadConfig({ ...production, SMS_WEBHOOK_URL: 'https://sms.example/send' }).smsWebhookUrl).toBe(
      'https://sms.example/send',
    );
  });

  it('generates a JWT secret once outside production and keeps it in the data folder', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'igniflo-config-'));
    const env = { DATABASE_URL: `file:${path.join(dir, 'db.sqlite')}` };
    const first = loadConfig(env).jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig(env).jwtSecret).toBe(first);
    expect(readFileSync(path.join(dir, 'jwt-secret'), 'utf8')).toBe(first);
  });

  it('takes TRUST_PROXY as a hop count or proxy addresses, and refuses true', () => {
    const trust = (value: string) => loadConfig({ JWT_SECRET: secret, TRUST_PROXY: value }).trustProxy;
    expect(trust('false')).toBe(false);
    expect(trust('0')).toBe(false);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.0/8, loopback, ::1')).toEqual(['10.0.0.0/8', 'loopback', '::1']);
    expect(() => trust('true')).toThrow(/TRUST_PROXY=true would let clients choose their own address/);
    expect(() => trust('11')).toThrow('at most 10');
    expect(() => trust('10.0.0.0/33')).toThrow('10.0.0.0/33');
    expect(() => trust('proxy.internal')).toThrow('proxy.internal');
  });

  it('seeds no demo data in production unless asked, and warns once when NODE_ENV is unset', () => {
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: secret,
      SMS_WEBHOOK_URL: 'https://sms.example/send',
    };
    expect(loadConfig(production).seedDemo).toBe(false);
    expect(loadConfig({ ...production, SEED_DEMO: 'true' }).seedDemo).toBe(true);
    expect(loadConfig(production).warnings).toEqual([]);
    const unset = loadConfig({ JWT_SECRET: secret }).warnings;
    expect(unset).toHaveLength(1);
    expect(unset[0]).toMatch(/NODE_ENV is not set.*development/);
    expect(loadConfig({ JWT_SECRET: secret, NODE_ENV: 'development' }).warnings).toEqual([]);
  });

  it('turns carrier updates on with a CARRIER_WEBHOOK_SECRET long enough not to be guessed', () => {
    expect(loadConfig({ JWT_SECRET: secret }).carrierWebhookSecret).toBeNull();
    expect(() => loadConfig({ JWT_SECRET: secret, CARRIER_WEBHOOK_SECRET: 'short' })).toThrow(
      'CARRIER_WEBHOOK_SECRET must be at least 16 characters',
    );
    expect(
      loadConfig({ JWT_SECRET: secret, CARRIER_WEBHOOK_SECRET: 'c'.repeat(16) }).carrierWebhookSecret,
    ).toBe('c'.repeat(16));
  });

  it('turns email on with SMTP_URL, and wants PUBLIC_URL in production for the links in messages', () => {
    const off = loadConfig({ JWT_SECRET: secret, PORT: '8080' });
    expect(off.mail).toBeNull();
    expect(off.publicUrl).toBe('http://localhost:8080');
    const on = loadConfig({
      JWT_SECRET: secret,
      SMTP_URL: 'smtps://shop:pw@smtp.example:465',
      PUBLIC_URL: 'https://shop.example/',
    });
    expect(on.mail).toEqual({
      smtpUrl: 'smtps://shop:pw@smtp.example:465',
      from: 'Igniflo <no-reply@shop.example>',
    });
    expect(on.publicUrl).toBe('https://shop.example');
    expect(() => loadConfig({ JWT_SECRET: secret, SMTP_URL: 'http://smtp.example' })).toThrow(
      'SMTP_URL must start with smtp:// or smtps://',
    );
    expect(() => loadConfig({ JWT_SECRET: secret, MAIL_FROM: 'nobody' })).toThrow('MAIL_FROM');
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        JWT_SECRET: secret,
        SMS_WEBHOOK_URL: 'https://s.example',
        SMTP_URL: 'smtp://m.example',
      }),
    ).toThrow('PUBLIC_URL is required in production');
  });

  it('requires a METRICS_TOKEN long enough not to be guessed', () => {
    expect(() => loadConfig({ JWT_SECRET: secret, METRICS_TOKEN: 'short' })).toThrow('METRICS_TOKEN');
    expect(loadConfig({ JWT_SECRET: secret, METRICS_TOKEN: 'm'.repeat(16) }).metricsToken).toBe(
      'm'.repeat(16),
    );
  });
});
