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
    // The polyfill would be an extra script; Chromium supports modulepreload natively. The page's own chunks keep
    // their <link rel="modulepreload">; a lazy screen's imports are not preloaded, because Vite's helper adds one <link>
    // per chunk to <head> while React renders the list (~15 ms of a 1,000-profile start-up, docs/benchmarks.md) and
    // the browser finds those imports a loopback round trip later anyway.
    modulePreload: { polyfill: false, resolveDependencies: (_file, deps, { hostType }) => (hostType === 'html' ? deps : []) },
    reportCompressedSize: true,
  },
});
