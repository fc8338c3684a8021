import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3199);
const dataDir = mkdtempSync(path.join(tmpdir(), 'igniflo-e2e-'));

export const E2E_ADMIN = { email: 'admin@e2e.test', password: 'e2e-admin-password' };
/** Ports the tests listen on: the SMS gateway the server texts codes to, a webhook receiver, and SMTP. */
export const E2E_SMS_PORT = PORT + 1;
export const E2E_HOOK_PORT = PORT + 2;
/** The mail server the tests start when they read mail; other tests leave mail queued, retried in vain. */
export const E2E_SMTP_PORT = PORT + 3;

/** Browser tests in Debian's Chromium against the real server on a fresh SQLite file. */
export default defineConfig({
  testDir: './e2e',
  // Long journeys check every page with axe at two widths; a loaded machine needs the room.
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: 'npx tsx ../server/src/main.ts',
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${path.join(dataDir, 'igniflo.db')}`,
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
      RATE_LIMIT_MAX: '100000',
      AUTH_RATE_LIMIT_MAX: '1000',
      LOG_LEVEL: 'warn',
      SMS_WEBHOOK_URL: `http://127.0.0.1:${E2E_SMS_PORT}/sms`,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
      MAIL_FROM: 'Igniflo <shop@e2e.test>',
      PUBLIC_URL: `http://127.0.0.1:${PORT}`,
    },
  },
});
