import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { precompress } from './build/precompress.ts';

export default defineConfig({
  plugins: [react(), tailwindcss(), precompress()],
  build: { outDir: 'dist', emptyOutDir: true },
  // `npm run dev -w @igniflo/web` beside `npm run dev`: the API stays on port 3000.
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
