import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { storedFiles } from '../../../test/uploads.ts';
import { LocalDiskStorage } from './media-storage.ts';

describe('local disk storage', () => {
  let root: string | undefined;
  afterEach(() => root && rmSync(root, { recursive: true, force: true }));

  it('leaves nothing behind when a new object is discarded before its file was even opened', async () => {
    root = mkdtempSync(path.join(tmpdir(), 'igniflo-storage-'));
    const storage = new LocalDiskStorage(root);
    for (let i = 0; i < 20; i++) {
      const target = await storage.create();
      // As a refused upload does: the pipeline destroys the sink with its error, then the file is
      // discarded.
      target.sink.on('error', () => {});
      target.sink.destroy(new Error('refused'));
      await target.discard();
      // The file is removed only once the sink let go of it: removed earlier, a file still being
      // opened would be created after its removal and stay behind.
      expect(target.sink.closed).toBe(true);
    }
    // Whatever the file system still had to do has landed by now.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(storedFiles(root)).toEqual([]);
  });

  it('keeps a committed object under its key, and nothing in the way', async () => {
    root = mkdtempSync(path.join(tmpdir(), 'igniflo-storage-'));
    const storage = new LocalDiskStorage(root);
    const target = await storage.create();
    target.sink.end('hello');
    await new Promise<void>((resolve) => target.sink.once('close', () => resolve()));
    await target.commit('orders/o1/f1');
    expect(storedFiles(root)).toEqual([path.join(root, 'orders/o1/f1')]);
    expect(await storage.exists('orders/o1/f1')).toBe(true);
  });
});
