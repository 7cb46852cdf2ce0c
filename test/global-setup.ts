// Builds the CLI bundle once before the suite, so CLI tests run the same file `npx sinch-keys` runs.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--cli'], { stdio: 'inherit' });
}
