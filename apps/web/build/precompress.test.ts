import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { precompress, precompressDir } from './precompress.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'igniflo-precompress-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('precompressed build output', () => {
  it('writes .br and .gz copies that decompress to each text file, and none for images', async () => {
    const dir = tempDir();
    const script = `export const rows = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ i })))};\n`;
    writeFileSync(path.join(dir, 'app.js'), script);
    writeFileSync(path.join(dir, 'photo.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
    await precompressDir(dir);
    expect(brotliDecompressSync(readFileSync(path.join(dir, 'app.js.br'))).toString()).toBe(script);
    expect(gunzipSync(readFileSync(path.join(dir, 'app.js.gz'))).toString()).toBe(script);
    expect(readFileSync(path.join(dir, 'app.js.br')).length).toBeLessThan(script.length / 5);
    expect(readdirSync(dir).sort()).toEqual(['app.js', 'app.js.br', 'app.js.gz', 'photo.png']);
  });

  it('runs after vite build, over the files Vite wrote', async () => {
    const root = tempDir();
    writeFileSync(
      path.join(root, 'index.html'),
      `<!doctype html><html><head><title>Igniflo</title></head><body>${'<p>catalog</p>'.repeat(50)}<script type="module" src="/main.js"></script></body></html>`,
    );
    writeFileSync(path.join(root, 'main.js'), `document.body.append(${JSON.stringify('x'.repeat(4000))});\n`);
    await build({ root, logLevel: 'silent', configFile: false, plugins: [precompress()] });
    const dist = path.join(root, 'dist');
    expect(existsSync(path.join(dist, 'index.html.br'))).toBe(true);
    const [script] = readdirSync(path.join(dist, 'assets')).filter((name) => name.endsWith('.js'));
    expect(script).toBeDefined();
    const original = readFileSync(path.join(dist, 'assets', script ?? ''));
    expect(gunzipSync(readFileSync(path.join(dist, 'assets', `${script}.gz`)))).toEqual(original);
  });
});
