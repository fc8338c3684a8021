import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { E2E_ADMIN, E2E_WORKERS, e2eServer } from './e2e/servers.ts';

/** A fresh SQLite file and data folder for each server. */
const servers = Array.from({ length: E2E_WORKERS }, (_, i) => ({
  ...e2eServer(i),
  dataDir: mkdtempSync(path.join(tmpdir(), 'igniflo-e2e-')),
}));

/**
 * Browser tests in Debian's Chromium against the real server, compiled by `npm run build` (it
 * starts in half the time tsx takes), one per worker (e2e/servers.ts, e2e/fixtures.ts).
 */
export default defineConfig({
  testDir: './e2e',
  // Long journeys check every page with axe at two widths; a loaded machine needs the room.
  timeout: 60_000,
  retries: 0,
  workers: E2E_WORKERS,
  reporter: [['list']],
  use: {
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
  webServer: servers.map((server) => ({
    command: 'node ../server/dist/main.js',
    url: `${server.url}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(server.port),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${path.join(server.dataDir, 'igniflo.db')}`,
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
      RATE_LIMIT_MAX: '100000',
      AUTH_RATE_LIMIT_MAX: '1000',
      LOG_LEVEL: 'warn',
      SMS_WEBHOOK_URL: `http://127.0.0.1:${server.smsPort}/sms`,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      // Tests start a mail server here when they read mail; other tests leave mail queued, retried in vain.
      SMTP_URL: `smtp://127.0.0.1:${server.smtpPort}`,
      MAIL_FROM: 'Igniflo <shop@e2e.test>',
      PUBLIC_URL: server.url,
    },
  })),
});
