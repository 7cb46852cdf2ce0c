// `npm run bench`: builds the CLI and the renderer, measures every figure of the "Benchmarks" issue as ratios taken
// in one run on one machine, prints a table and writes the latest results into docs/benchmarks.md.
//
//   npm run bench                 all figures, full repetitions
//   npm run bench -- --quick      fewer repetitions (a quick look while changing code)
//   npm run bench -- --only=signing,cli --no-build --no-write
//
// Exit code: 0 when no measured figure misses its target (figures that cannot be measured here say why), 1 otherwise.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureAgentDoor } from './agent-door';
import { measureBrowserMode } from './browser-mode';
import { measureCliColdStart } from './cli-cold-start';
import { measureRendererSize } from './renderer-size';
import { markdownResults, terminalTable, verdict, writeResults } from './report';
import { measureSettingsLock } from './settings-lock';
import { measureSigning } from './signing';
import { type BenchOptions, describeMachine, type Figure, loadAverage, notMeasured, reasonOf } from './support';
import { measureTestRequestVsCurl } from './test-request-vs-curl';
import { measureTokenExchanges } from './token-exchanges';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

const started = { date: new Date().toISOString(), load: loadAverage() };

/** Builds one artefact; a failed build is reported and the figures that need it are not measured. */
function build(what: string, command: string[]): string | undefined {
  if (flag('no-build')) return undefined;
  process.stderr.write(`building ${what}…\n`);
  try {
    // A production build whatever the caller's NODE_ENV: under NODE_ENV=test (vitest) Vite bundles React's
    // development build, 1.5× larger and two to three times slower to render.
    const env = { ...process.env, NODE_ENV: 'production' };
    execFileSync(process.execPath, command, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
    return undefined;
  } catch (err) {
    return `${what} did not build: ${reasonOf(err)}`;
  }
}

// The renderer is built into a folder of its own, with the project's Vite config, so a test run rebuilding
// dist/renderer at the same time cannot swap files under the measurement; --no-build measures dist/renderer.
const rendererDir = join(root, 'dist', ...(flag('no-build') ? ['renderer'] : ['bench', 'renderer']));
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const cliBuild = build('the CLI', [join(root, 'scripts', 'build.mjs'), '--cli']);
const rendererBuild = build('the renderer', [vite, 'build', '--logLevel', 'warn', '--outDir', rendererDir, '--emptyOutDir']);
const options: BenchOptions = { quick: flag('quick'), root, rendererDir };

interface Step {
  id: string;
  /** Names and targets, for a "not measured" line when the step cannot run. */
  figures: { name: string; target: string }[];
  blockedBy?: string;
  run(): Promise<Figure | Figure[]> | Figure | Figure[];
}

const steps: Step[] = [
  {
    id: 'signing',
    figures: [{ name: 'Application-signed headers per second vs the official SDK', target: '≥ 1.0× and ≥ 200,000/s' }],
    run: () => measureSigning(options),
  },
  {
    id: 'tokens',
    figures: [{ name: 'Token exchanges caused by 100 concurrent test requests on one access key', target: 'exactly 1' }],
    run: () => measureTokenExchanges(options),
  },
  {
    id: 'curl',
    figures: [{ name: 'Test-request wall time vs curl, same request, local server on 127.0.0.1', target: '≤ 1.2×' }],
    run: () => measureTestRequestVsCurl(options),
  },
  {
    id: 'agent',
    figures: [{ name: 'Proxy overhead vs a direct request, loopback, p50', target: '≤ 1.2×' }],
    run: () => measureAgentDoor(options),
  },
  {
    id: 'cli',
    figures: [{ name: '`sinch-keys list` cold start vs `node -e 0`', target: '≤ 3×' }],
    blockedBy: cliBuild,
    run: () => measureCliColdStart(options),
  },
  {
    id: 'bundle',
    figures: [{ name: 'Renderer JavaScript, gzipped', target: '≤ 250 KB' }],
    blockedBy: rendererBuild,
    run: () => measureRendererSize(rendererDir),
  },
  {
    id: 'browser',
    figures: [
      { name: 'Browser mode, 1,000 profiles: time to interactive and keystroke to repaint', target: '≤ 300 ms; ≤ 16.7 ms' },
      { name: 'Fleet view, 1,000 profiles checked: one keystroke in its filter to repaint', target: '≤ 16.7 ms' },
      { name: 'Keychain reads while listing 1,000 profiles', target: '0' },
    ],
    blockedBy: rendererBuild,
    run: () => measureBrowserMode(options),
  },
  {
    id: 'lock',
    figures: [
      { name: 'Settings lock overhead per write, single writer', target: '≤ 10 ms' },
      { name: 'One `add` with 50 writers on one settings file', target: 'all 50 land' },
    ],
    run: () => measureSettingsLock(options),
  },
];

const figures: Figure[] = [];
for (const step of steps) {
  if (only && !only.includes(step.id)) continue;
  process.stderr.write(`measuring ${step.id}…\n`);
  if (step.blockedBy) {
    figures.push(...step.figures.map((f) => notMeasured(f.name, f.target, step.blockedBy as string)));
    continue;
  }
  try {
    const result = await step.run();
    figures.push(...(Array.isArray(result) ? result : [result]));
  } catch (err) {
    figures.push(...step.figures.map((f) => ({ ...f, measured: `failed: ${reasonOf(err)}`, pass: false })));
  }
}

const machine = describeMachine();
const load: [number, number] = [started.load, loadAverage()];
process.stdout.write(`\n${terminalTable(figures)}\n\n`);
process.stdout.write(
  `${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB RAM, Node ${machine.node}; load average ${load[0]} → ${load[1]}\n`,
);

if (!flag('no-write') && !only) {
  const built = flag('no-build') ? 'Artefacts as found in dist/ (--no-build).' : 'CLI and renderer built by this run.';
  const block = markdownResults(figures, machine, { date: started.date, quick: options.quick, build: built, load });
  writeResults(join(root, 'docs', 'benchmarks.md'), block);
  process.stdout.write('Wrote the results into docs/benchmarks.md.\n');
}
process.exitCode = figures.some((f) => verdict(f) === 'MISS') ? 1 : 0;
