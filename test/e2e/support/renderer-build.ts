// The end-to-end tests drive the built UI (dist/renderer), the same files Electron and browser mode serve. It is
// rebuilt only when missing or older than its sources, so a run after editing the renderer never tests stale code.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Everything Vite bundles into the renderer: its own folder, shared/ (catalog, contract, locales) and its config. */
const SOURCES = ['renderer', 'shared', 'vite.config.ts'];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

export function rendererIsStale(root: string): boolean {
  const index = join(root, 'dist', 'renderer', 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((source) => existsSync(join(root, source)) && newestMtime(join(root, source)) > built);
}

/** Runs `vite build` when the built renderer is missing or stale; returns the renderer folder. */
export function ensureRendererBuilt(root: string): string {
  if (rendererIsStale(root))
    execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
      // vitest sets NODE_ENV=test, which would make Vite bundle React's development build: test what users get.
      env: { ...process.env, NODE_ENV: 'production' },
    });
  return join(root, 'dist', 'renderer');
}
