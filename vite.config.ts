// Builds the renderer into dist/renderer for Electron's app:// protocol and the browser mode's loopback server.
// Relative asset URLs (base './') work under both; no inline script is emitted, so the CSP stays `script-src 'self'`.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
    // The polyfill would be an extra script; Chromium supports modulepreload natively.
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
  },
});
