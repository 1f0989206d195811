import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('../../src-renderer/', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

/**
 * The renderer bundle served from app://studio/ (and by the browser test host). Built to fit the
 * CSP: no inline scripts or styles, no data: assets, no module-preload polyfill snippet.
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'chrome130',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: { port: 5173, strictPort: true },
});
