/**
 * The only reader of process.env. Every variable is validated at start; a bad value stops the
 * process with a message naming the variable.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';

export type DatabaseConfig =
  | { dialect: 'sqlite'; file: string; synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA' }
  | { dialect: 'postgres'; url: string; poolSize?: number };

/**
 * Connections to PostgreSQL per server process. Fewer connections than requests in flight is
 * faster: the database does less lock and context switching (measured in docs/performance.md).
 */
export const DEFAULT_POOL_SIZE = 10;

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database: DatabaseConfig;
  dataDir: string;
  redisUrl: string | null;
  jwtSecret: string;
  uploadDir: string;
  corsOrigin: string[] | false;
  logLevel: string;
  /** `pretty` for a person at a terminal (pino-pretty), `json` lines for everything else. */
  logFormat: 'json' | 'pretty';
  seedDemo: boolean;
  /** Gives the demo accounts new passwords at this start and prints them (never in production). */
  resetDemoPasswords: boolean;
  admin: { email: string; password: string } | null;
  /**
   * The proxies in front, as Fastify takes them: how many (hops), or their addresses and CIDRs.
   * The client is then the right-most address of X-Forwarded-For not added by one of them.
   */
  trustProxy: false | number | string[];
  /** Bearer token for GET /metrics; null leaves it open in development and hides it in production. */
  metricsToken: string | null;
  /** Lines for the start log: what this configuration does that an operator should know. */
  warnings: string[];
  maxUploadBytes: number;
  rateLimitMax: number;
  authRateLimitMax: number;
  /** Lets webhooks target loopback and private networks: for tests and closed deployments only. */
  webhookAllowPrivate: boolean;
  /** Where sign-in codes are posted; null writes them to the log (development only). */
  smsWebhookUrl: string | null;
  /** Verifies carriers' signed tracking updates (POST /carrier/events); null turns the route off. */
  carrierWebhookSecret: string | null;
  /** Email to customers (SMTP_URL, MAIL_FROM); null turns the channel off. */
  mail: { smtpUrl: string; from: string } | null;
  /** Where customers reach the shop (PUBLIC_URL): the base of every link in a message. */
  publicUrl: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * `env` is the environment; `terminal` whether standard output is a terminal, which picks the
 * default log format.
 */
export function loadConfig(
  env: Env = process.env,
  terminal: boolean = process.stdout.isTTY === true,
): Readonly<Config> {
  const problems: string[] = [];
  const get = (name: string) => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = get(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = get(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  };

  const nodeEnv = oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const warnings: string[] = [];
  if (get('NODE_ENV') === undefined) {
    warnings.push(
      'NODE_ENV is not set: running in development mode (sign-in codes are written to the log without SMS_WEBHOOK_URL, JWT_SECRET is generated into the data folder, /metrics is open); set NODE_ENV=production in a deployment',
    );
  }
  const databaseUrl = get('DATABASE_URL') ?? 'file:./data/igniflo.db';
  const synchronous = oneOf('SQLITE_SYNCHRONOUS', ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const, 'FULL');
  const poolSize = int('DATABASE_POOL_SIZE', DEFAULT_POOL_SIZE, 1, 1000);
  let database: DatabaseConfig;
  if (databaseUrl.startsWith('file:')) {
    database = { dialect: 'sqlite', file: path.resolve(databaseUrl.slice('file:'.length)), synchronous };
  } else if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    database = { dialect: 'postgres', url: databaseUrl, poolSize };
  } else {
    problems.push('DATABASE_URL must start with file: or postgres://');
    database = { dialect: 'sqlite', file: path.resolve('data/igniflo.db'), synchronous };
  }
  const dataDir = database.dialect === 'sqlite' ? path.dirname(database.file) : path.resolve('data');

  const redisUrl = get('REDIS_URL') ?? null;
  if (redisUrl !== null && !/^rediss?:\/\//.test(redisUrl))
    problems.push('REDIS_URL must start with redis://');

  const adminEmail = get('ADMIN_EMAIL');
  const adminPassword = get('ADMIN_PASSWORD');
  if ((adminEmail === undefined) !== (adminPassword === undefined)) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  if (adminEmail !== undefined && !/^[^@\s]+@[^@\s]+$/.test(adminEmail))
    problems.push('ADMIN_EMAIL is not an email');
  if (adminPassword !== undefined && adminPassword.length < 8)
    problems.push('ADMIN_PASSWORD needs 8 characters');

  const smsWebhookUrl = get('SMS_WEBHOOK_URL') ?? null;
  if (smsWebhookUrl !== null && !/^https?:\/\//.test(smsWebhookUrl))
    problems.push('SMS_WEBHOOK_URL must start with http:// or https://');
  if (smsWebhookUrl === null && nodeEnv === 'production')
    problems.push('SMS_WEBHOOK_URL is required in production, so sign-in codes never go to the log');

  const cors = get('CORS_ORIGIN');
  const logLevel = get('LOG_LEVEL') ?? (nodeEnv === 'test' ? 'silent' : 'info');
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const production = nodeEnv === 'production';
  const logFormat = oneOf(
    'LOG_FORMAT',
    ['json', 'pretty'] as const,
    terminal && !production ? 'pretty' : 'json',
  );
  // Log collectors read JSON lines; pretty output is for a person watching a development server.
  if (production && logFormat === 'pretty') problems.push('LOG_FORMAT must be json in production');
  const resetDemoPasswords = bool('RESET_DEMO_PASSWORDS', false);
  if (production && resetDemoPasswords)
    problems.push('RESET_DEMO_PASSWORDS is refused in production, where passwords are never printed');

  const trustProxy = parseTrustProxy(get('TRUST_PROXY'), problems);
  const metricsToken = get('METRICS_TOKEN') ?? null;
  if (metricsToken !== null && metricsToken.length < 16)
    problems.push('METRICS_TOKEN must be at least 16 characters');

  const jwtSecret = get('JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32)
    problems.push('JWT_SECRET must be at least 32 characters');
  if (jwtSecret === undefined && nodeEnv === 'production')
    problems.push('JWT_SECRET is required in production');

  const carrierWebhookSecret = get('CARRIER_WEBHOOK_SECRET') ?? null;
  if (carrierWebhookSecret !== null && carrierWebhookSecret.length < 16)
    problems.push('CARRIER_WEBHOOK_SECRET must be at least 16 characters');

  const port = int('PORT', 3000, 0, 65535);
  const { mail, publicUrl } = parseMail(get, problems, port, nodeEnv);

  const config: Config = {
    env: nodeEnv,
    port,
    host: get('HOST') ?? '0.0.0.0',
    database,
    dataDir,
    redisUrl,
    jwtSecret: '',
    uploadDir: path.resolve(get('UPLOAD_DIR') ?? path.join(dataDir, 'uploads')),
    corsOrigin: cors ? cors.split(',').map((s) => s.trim()) : false,
    logLevel,
    logFormat,
    // A production database never gets demo accounts unless asked for by name.
    seedDemo: bool('SEED_DEMO', nodeEnv !== 'production'),
    resetDemoPasswords,
    admin: adminEmail && adminPassword ? { email: adminEmail, password: adminPassword } : null,
    trustProxy,
    metricsToken,
    warnings,
    maxUploadBytes: int('MAX_UPLOAD_BYTES', 10 * 1024 * 1024, 1, 1024 * 1024 * 1024),
    rateLimitMax: int('RATE_LIMIT_MAX', 1000, 1, 10_000_000),
    authRateLimitMax: int('AUTH_RATE_LIMIT_MAX', 10, 1, 10_000_000),
    webhookAllowPrivate: bool('WEBHOOK_ALLOW_PRIVATE', false),
    smsWebhookUrl,
    carrierWebhookSecret,
    mail,
    publicUrl,
  };

  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  config.jwtSecret = jwtSecret ?? persistedSecret(dataDir);
  return Object.freeze(config);
}

/**
 * SMTP_URL (smtp:// or smtps://, credentials in it), MAIL_FROM (default no-reply at PUBLIC_URL's
 * host) and PUBLIC_URL (default this server on localhost; required in production once mail is on,
 * where links to localhost would reach nobody).
 */
function parseMail(
  get: (name: string) => string | undefined,
  problems: string[],
  port: number,
  nodeEnv: Config['env'],
): Pick<Config, 'mail' | 'publicUrl'> {
  const smtpUrl = get('SMTP_URL');
  const rawPublicUrl = get('PUBLIC_URL');
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^/]/.test(smtpUrl))
    problems.push('SMTP_URL must start with smtp:// or smtps://');
  if (rawPublicUrl !== undefined && !/^https?:\/\/[^/]+/.test(rawPublicUrl))
    problems.push('PUBLIC_URL must start with http:// or https://');
  if (rawPublicUrl === undefined && smtpUrl !== undefined && nodeEnv === 'production')
    problems.push('PUBLIC_URL is required in production when SMTP_URL is set, for the links in messages');
  const publicUrl = (rawPublicUrl ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const host = /^https?:\/\/([^/:]+)/.exec(publicUrl)?.[1] ?? 'localhost';
  const from = get('MAIL_FROM') ?? `Igniflo <no-reply@${host}>`;
  if (!/@[^@\s>]+/.test(from)) problems.push('MAIL_FROM must hold an email address');
  return { mail: smtpUrl === undefined ? null : { smtpUrl, from }, publicUrl };
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: `false`/`0`, a number of proxies, or a comma-separated list of proxy addresses,
 * CIDRs or the names loopback, linklocal, uniquelocal. `true` is refused: it would take the
 * left-most X-Forwarded-For entry, which the client writes itself.
 */
function parseTrustProxy(raw: string | undefined, problems: string[]): false | number | string[] {
  if (raw === undefined || ['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  if (['true', 'yes'].includes(raw.toLowerCase())) {
    problems.push(
      'TRUST_PROXY=true would let clients choose their own address; set the number of proxies in front (e.g. 1) or their addresses',
    );
    return false;
  }
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) problems.push(`TRUST_PROXY must be at most 10 proxies (got "${raw}")`);
    return hops;
  }
  const entries = raw.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => {
    if (PROXY_NAMES.includes(entry)) return false;
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return true;
    if (prefix === undefined) return false;
    return !/^\d+$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128);
  });
  if (bad.length > 0) {
    problems.push(`TRUST_PROXY must be a number of proxies or addresses/CIDRs (not "${bad.join('", "')}")`);
  }
  return entries;
}

/** Outside production a missing JWT_SECRET is generated once and kept beside the data. */
function persistedSecret(dataDir: string): string {
  const file = path.join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}
