// Builds the CLI bundle once before the suite, so CLI tests run the same file `npx sinch-keys` runs, and the renderer
// when it is missing or stale, so the end-to-end tests drive the current UI (built once, not by each parallel file).
import { execFileSync } from 'node:child_process';
import { ensureRendererBuilt } from './e2e/support/renderer-build';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--cli'], { stdio: 'inherit' });
  ensureRendererBuilt(process.cwd());
}
