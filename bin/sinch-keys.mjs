#!/usr/bin/env node
// The CLI is bundled by `npm install` (prepare) into dist/; this stub keeps the bin path stable and runs it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/cli/sinch-keys.mjs', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('sinch-keys is not built yet: run `npm install` (or `npm run build`) in the Sinch Keys checkout.\n');
  process.exit(1);
}
const { main } = await import(bundle.href);
await main(process.argv);
