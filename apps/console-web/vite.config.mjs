import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
// `vite` (the dev server) forwards the API and the session to a running console app, so the page talks to one
// origin in development as it does when apps/console serves the built files.
const consoleUrl = process.env.CONSOLE_URL ?? 'http://127.0.0.1:3007';

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  resolve: {
    // The domain is pure TypeScript: the page shares its statuses, severities and categories, never a copy.
    alias: { '@incident/domain': here('../../libs/domain/src/index.ts') },
  },
  build: { outDir: here('dist'), emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      '/api': { target: consoleUrl, changeOrigin: false },
      '/auth': { target: consoleUrl, changeOrigin: false },
    },
  },
});
