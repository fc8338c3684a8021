/** The OpenAPI document as the server publishes it at /openapi.json, without starting a server. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from './app.ts';
import { loadConfig } from './platform/config.ts';

export async function openApiDocument(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'igniflo-openapi-'));
  try {
    const app = await buildApp(
      loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: `file:${path.join(dir, 'openapi.db')}`,
        UPLOAD_DIR: path.join(dir, 'uploads'),
        JWT_SECRET: 'only-for-reading-the-document-never-for-signing',
        LOG_LEVEL: 'silent',
      }),
    );
    try {
      await app.server.ready();
      return JSON.parse(JSON.stringify(app.server.swagger())) as Record<string, unknown>;
    } finally {
      await app.server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
