import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
/** The hub that `npm run dev:web` talks to: `npm start` runs it on port 4000. */
const hub = process.env.HUB_URL ?? 'http://localhost:4000';

/** The web client: built into dist/web, which the gateway serves at `/`. */
export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // The first view stays small: every page is its own chunk.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  server: {
    proxy: Object.fromEntries(['/graphql', '/client-config.json', '/demo'].map((path) => [path, hub])),
  },
});
