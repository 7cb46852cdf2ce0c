// Bundles the Node-side entry points with esbuild: the CLI and the agent door it loads, browser mode (ESM), Electron's
// main process and its preload (CommonJS, as sandboxed preloads require). The renderer is built by Vite (`npm run build:renderer`).
import { existsSync } from 'node:fs';
import { build } from 'esbuild';

// The agent door is loaded by the CLI (`mcp`, `proxy`), so it is built with it.
const only = process.argv.includes('--cli') ? ['cli', 'agent'] : ['cli', 'agent', 'web', 'main', 'preload'];

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // Native keychain binding and Electron itself are resolved at run time, never bundled; so is undici, which only
  // a proxy configuration loads (core/node-fetch.ts) and which would otherwise slow every CLI start.
  external: ['electron', '@napi-rs/keyring', 'undici'],
};

const entries = {
  cli: {
    entryPoints: ['cli/main.ts'],
    outfile: 'dist/cli/sinch-keys.mjs',
    format: 'esm',
    // Every command starts cold; V8 parses a minified bundle measurably faster (docs/benchmarks.md).
    minify: true,
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  },
  // Its own bundle, so the MCP SDK is parsed only by the commands that need it.
  agent: {
    entryPoints: ['agent/main.ts'],
    outfile: 'dist/agent/sinch-keys-agent.mjs',
    format: 'esm',
    minify: true,
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  },
  web: {
    entryPoints: ['web/main.ts'],
    outfile: 'dist/web/sinch-keys-web.mjs',
    format: 'esm',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  },
  main: { entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs' },
  preload: { entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs' },
};

for (const name of only) {
  const entry = entries[name];
  if (!existsSync(entry.entryPoints[0])) continue;
  await build({ ...common, ...entry });
}
