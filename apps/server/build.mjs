/**
 * Compiles the server to one JavaScript file, apps/server/dist/main.js, for `npm start`: no
 * TypeScript loader at run time, and one file to load instead of a thousand (a start from this
 * file costs about a quarter less CPU than one that loads each package from node_modules;
 * docs/performance.md). The packages that load native code or files beside their own are left to
 * Node to load from node_modules.
 */
import { build } from 'esbuild';
import path from 'node:path';

const here = import.meta.dirname;

const EXTERNAL = [
  'better-sqlite3', // native
  'sharp', // native
  '@node-rs/argon2', // native, and loaded by path in the hashing thread
  'pg-native', // pg's optional native client
  'pino', // fastify's logger: its transports run files of its own in worker threads
  'pino-pretty',
  'thread-stream',
  '@fastify/swagger-ui', // serves files from its own folder
  'pdfkit', // requires its standard fonts by its own package's '#standard-fonts/…' imports
];

await build({
  entryPoints: [path.join(here, 'src/main.ts')],
  outfile: path.join(here, 'dist/main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: true,
  external: EXTERNAL,
  // The CommonJS packages inside the bundle still call require and read __dirname.
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "import { fileURLToPath as __fileURLToPath } from 'node:url';",
      'const require = __createRequire(import.meta.url);',
      'const __filename = __fileURLToPath(import.meta.url);',
      "const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));",
    ].join('\n'),
  },
  logLevel: 'warning',
});
