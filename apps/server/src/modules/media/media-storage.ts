/** Where uploaded files live. Local disk by default; an S3-compatible store can implement the same interface. */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

export interface MediaStorage {
  /** A writable for a new object; `commit` makes it visible under `key`, `discard` throws it away. */
  create(): Promise<{
    sink: Writable;
    commit(key: string): Promise<void>;
    discard(): Promise<void>;
    localPath: string;
  }>;
  read(key: string): Readable;
  exists(key: string): Promise<boolean>;
  remove(key: string): Promise<void>;
}

export class LocalDiskStorage implements MediaStorage {
  constructor(private readonly root: string) {}

  #path(key: string): string {
    const full = path.resolve(this.root, key);
    if (!full.startsWith(path.resolve(this.root) + path.sep)) throw new Error('storage key escapes the root');
    return full;
  }

  async create() {
    const tmpDir = path.join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const localPath = path.join(tmpDir, `${Date.now()}-${Math.random().toString(36).slice(2)}`);
    const sink = createWriteStream(localPath, { flags: 'wx' });
    return {
      sink,
      localPath,
      commit: async (key: string) => {
        const target = this.#path(key);
        await mkdir(path.dirname(target), { recursive: true });
        await rename(localPath, target);
      },
      discard: async () => {
        // A sink ended early (a refused upload) still opens its file in the background: removed
        // before that, the file would be created after it. So the sink is closed first.
        if (!sink.closed) {
          // Not events.once, which rejects on the 'error' a sink destroyed with an error emits.
          const closed = new Promise<void>((resolve) => sink.once('close', () => resolve()));
          sink.destroy();
          await closed;
        }
        await rm(localPath, { force: true });
      },
    };
  }

  read(key: string): Readable {
    return createReadStream(this.#path(key));
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.#path(key)).then(
      () => true,
      () => false,
    );
  }

  async remove(key: string): Promise<void> {
    await rm(this.#path(key), { force: true });
  }
}
