// Figure 4: `sinch-keys list` cold start against `node -e 0`, the floor any Node CLI pays. Each is spawned N times,
// alternating, from launch to exit; the figure is the ratio of the medians. The settings folder is a temporary
// SINCH_KEYS_HOME with a few profiles; no SINCH_* variable is passed on, so `list` reads the saved profiles.
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { settingsFolder } from './fixtures';
import { type BenchOptions, type Figure, median, ms, notMeasured, ratio } from './support';

const NAME = '`sinch-keys list` cold start vs `node -e 0`';
const TARGET = '≤ 3×';

function wallTime(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const elapsed = performance.now() - start;
      if (code !== 0) return reject(new Error(`node ${args.join(' ')} exited with ${code}: ${err.trim()}`));
      resolve(elapsed);
    });
  });
}

export async function measureCliColdStart({ quick, root }: BenchOptions): Promise<Figure> {
  const bin = join(root, 'bin', 'sinch-keys.mjs');
  if (!existsSync(join(root, 'dist', 'cli', 'sinch-keys.mjs')))
    return notMeasured(NAME, TARGET, 'the CLI is not built (node scripts/build.mjs --cli)');
  const home = settingsFolder(5);
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(SINCH_|MAILGUN_|PROJECT_ID|KEY_|APPLICATION_|NODE_OPTIONS$)/.test(k)),
  );
  Object.assign(env, { SINCH_KEYS_HOME: home, SINCH_KEYS_KEYCHAIN_SERVICE: 'sinch-keys-bench', NO_COLOR: '1' });
  try {
    const runs = quick ? 6 : 30;
    const cli: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < 3; i++) {
      await wallTime([bin, 'list'], env);
      await wallTime(['-e', '0'], env);
    }
    for (let i = 0; i < runs; i++) {
      cli.push(await wallTime([bin, 'list'], env));
      floor.push(await wallTime(['-e', '0'], env));
    }
    const r = median(cli) / median(floor);
    return {
      name: NAME,
      measured: `${ratio(r)} (${ms(median(cli))} vs ${ms(median(floor))})`,
      target: TARGET,
      pass: r <= 3,
      detail: `${runs} alternating spawns each after 3 warm-ups (OS file cache warm), launch to exit; 5 saved profiles; ratio of medians.`,
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
