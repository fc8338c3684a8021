/**
 * Where a CPU profile's time went: self time by package (or file of ours, or V8/Node's own
 * category) and by function, as a share of the time the thread was not idle. The main thread's
 * profile is the one numbered .0.; the others are worker threads (password hashing).
 *
 *   BENCH_CEILING=0 BENCH_SERVER_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench -- postgres orders
 *   npx tsx bench/src/profile-summary.ts /tmp/prof/CPU.*.0.*.cpuprofile [packages] [functions] [from-to]
 *
 * `from-to` (seconds since the process started, e.g. `14.2-24.3`, as the benchmark prints for
 * each load) keeps only that stretch: one load, without the start and the set-up.
 */
import { readFileSync } from 'node:fs';

interface Profile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

const [file, packages = '20', functions = '25', window = '0-1e9'] = process.argv.slice(2);
const [fromUs, toUs] = window.split('-').map((seconds) => Number(seconds) * 1e6) as [number, number];
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [packages] [functions]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
/**
 * The server's bundle (apps/server/dist/main.js) starts each module it holds with a comment
 * naming its path: a line of the bundle is mapped back to that module.
 */
const bundles = new Map<string, { line: number; path: string }[]>();
function moduleOf(url: string, line: number): string {
  if (!url.endsWith('/dist/main.js')) return url;
  let starts = bundles.get(url);
  if (!starts) {
    starts = [];
    readFileSync(new URL(url), 'utf8')
      .split('\n')
      .forEach((text, i) => {
        const path = /^\/\/ ((?:node_modules|apps|packages)\/\S+)$/.exec(text)?.[1];
        if (path) starts?.push({ line: i, path });
      });
    bundles.set(url, starts);
  }
  let found = url;
  for (const start of starts) {
    if (start.line > line) break;
    found = start.path;
  }
  return found;
}

/** A package's name, a file of ours, or V8's and Node's own (by function name where there is no file). */
function origin(module: string, functionName: string): string {
  if (module === '') return functionName;
  if (module.startsWith('node:')) return 'node (built-in modules)';
  const inPackage = /node_modules\/(@[^/]+\/[^/]+|[^/]+)/.exec(module)?.[1];
  return inPackage ?? module.replace(/^.*?\/((apps|packages)\/)/, '$1');
}

const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
let at = 0;
profile.samples.forEach((id, i) => {
  const frame = nodes.get(id);
  const us = profile.timeDeltas[i] ?? 0;
  at += us;
  if (at < fromUs || at > toUs) return;
  if (!frame || frame.functionName === '(idle)') return; // shares of the time the thread worked
  total += us;
  const module = moduleOf(frame.url, frame.lineNumber);
  const where = origin(module, frame.functionName);
  add(byPackage, where, us);
  add(
    byFunction,
    `${frame.functionName || '(anonymous)'} ${where === module || module === '' ? where : `${where} ${module.split('/').pop()}`}`,
    us,
  );
});
const top = (map: Map<string, number>, n: number) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, us]) => `${((100 * us) / total).toFixed(1).padStart(5)} %  ${key}`)
    .join('\n');
process.stdout.write(
  `${(total / 1000).toFixed(0)} ms sampled\n\nby package or file\n${top(byPackage, Number(packages))}\n\nby function\n${top(byFunction, Number(functions))}\n`,
);
