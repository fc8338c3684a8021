import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WEB_DIST } from './web.ts';

describe('the web app the server serves', () => {
  it('is the web workspace build, wherever this file moves', () => {
    expect(WEB_DIST).toBe(path.resolve(import.meta.dirname, '../../../../../apps/web/dist'));
    expect(path.relative(process.cwd(), WEB_DIST)).toBe(path.join('apps', 'web', 'dist'));
  });
});
