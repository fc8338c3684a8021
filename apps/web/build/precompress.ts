/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside each text file of the build. The server
 * sends the copy a browser accepts (@fastify/static's preCompressed), so the app travels at the
 * best ratio, compressed once here instead of on every request.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(?:html|js|mjs|css|svg|json|txt|xml|webmanifest|map)$/;

function compressed(content: Buffer): [extension: string, bytes: Buffer][] {
  return [
    [
      '.br',
      brotliCompressSync(content, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
        },
      }),
    ],
    ['.gz', gzipSync(content, { level: constants.Z_BEST_COMPRESSION })],
  ];
}

/** Compresses every text file under `dir`; a copy that would not be smaller is not written. */
export async function precompressDir(dir: string): Promise<string[]> {
  const written: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const content = await readFile(file);
    for (const [extension, bytes] of compressed(content)) {
      if (bytes.length >= content.length) continue;
      await writeFile(file + extension, bytes);
      written.push(file + extension);
    }
  }
  return written;
}

/** Runs precompressDir on the output folder once `vite build` has written it. */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'igniflo:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await precompressDir(outDir);
    },
  };
}
