/** What the server prints once it listens: the address to open, the database, the docs and the demo accounts. */
import { isIP } from 'node:net';
import path from 'node:path';
import type { Config, DatabaseConfig } from './platform/config.ts';
import type { DemoAccount } from './modules/seed/demo-seed.ts';

/** The demo accounts as this start found them. */
export type DemoAtStart =
  | { kind: 'created'; accounts: DemoAccount[] }
  | { kind: 'reset'; accounts: DemoAccount[] }
  | { kind: 'existing'; emails: string[] }
  | { kind: 'none' };

/** The address a person opens: a server listening on every interface is reachable as localhost. */
export function openUrl(host: string, port: number): string {
  if (host === '0.0.0.0' || host === '::') return `http://localhost:${port}`;
  return isIP(host) === 6 ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}

/** The database in a few words; a PostgreSQL URL loses its user and password. */
export function describeDatabase(database: DatabaseConfig): string {
  if (database.dialect === 'postgres') {
    const url = new URL(database.url);
    return `PostgreSQL at ${url.host}${url.pathname}`;
  }
  const relative = path.relative(process.cwd(), database.file);
  return `SQLite in ${relative.startsWith('..') ? database.file : relative}`;
}

/** Which message channels are on (SPEC §13), without the credentials an SMTP URL holds. */
export function describeChannels(config: Pick<Config, 'mail' | 'smsWebhookUrl'>): string {
  const email = config.mail ? `email via ${new URL(config.mail.smtpUrl).host}` : 'email off (set SMTP_URL)';
  const sms = config.smsWebhookUrl ? 'texts via SMS_WEBHOOK_URL' : 'texts off (set SMS_WEBHOOK_URL)';
  return `${email}, ${sms}`;
}

const accountLines = (accounts: DemoAccount[]) =>
  accounts.map((a) => `    ${a.role.padEnd(8)} ${a.email}  password: ${a.password}`);

function demoLines(demo: DemoAtStart): string[] {
  switch (demo.kind) {
    case 'created':
      return ['  Demo accounts (passwords shown only this once):', ...accountLines(demo.accounts)];
    case 'reset':
      return demo.accounts.length > 0
        ? ['  Demo accounts, with new passwords (RESET_DEMO_PASSWORDS):', ...accountLines(demo.accounts)]
        : ['  RESET_DEMO_PASSWORDS is set, but this database has no demo accounts.'];
    case 'existing':
      return [
        `  Demo accounts: ${demo.emails.join(', ')}`,
        '  Their passwords were printed on the first start; to print new ones, start once with',
        '  RESET_DEMO_PASSWORDS=true (sessions of these accounts end).',
      ];
    case 'none':
      return [];
  }
}

export function startBanner({
  url,
  database,
  messages,
  demo,
}: {
  url: string;
  database: string;
  messages: string;
  demo: DemoAtStart;
}) {
  const demoPart = demoLines(demo);
  return [
    '',
    `  Igniflo is running at ${url}`,
    `  database  ${database}`,
    `  API docs  ${url}/docs`,
    `  messages  ${messages}`,
    ...(demoPart.length > 0 ? ['', ...demoPart] : []),
    '',
    '',
  ].join('\n');
}
