// What `npm start` opens: the desktop app when Electron's binary can be had and starts, browser mode otherwise, so
// the README's start command always ends in a working app. Kept apart from scripts/start.ts (which builds first) so
// the decisions are tested without a build or an Electron binary.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Chromium's words when AppArmor (Ubuntu 23.10+) denies the user namespace its sandbox needs. */
export const SANDBOX_BLOCKED = /SUID sandbox helper binary was found, but is not configured correctly/;

export interface ElectronRun {
  status: number;
  sandboxBlocked: boolean;
}

export interface LaunchDeps {
  /** `require('electron')`: the binary's path, after downloading it on first use; throws when that fails. */
  loadElectron: () => unknown;
  runElectron: (path: string) => Promise<ElectronRun>;
  runBrowserMode: () => Promise<number>;
  say: (text: string) => void;
}

function electronPath(load: () => unknown): { path: string } | { missing: string } {
  let path: unknown;
  try {
    path = load();
  } catch (err) {
    return { missing: err instanceof Error ? err.message : String(err) };
  }
  if (typeof path !== 'string' || !existsSync(path)) return { missing: `the binary it names (${String(path)}) is missing` };
  return { path };
}

export function sandboxHint(path: string): string {
  const sandbox = path.replace(/electron$/, 'chrome-sandbox');
  return [
    "\nElectron's sandbox could not start: AppArmor (Ubuntu 23.10+) blocks the user namespace Chromium needs.",
    'For development, either give the sandbox helper its setuid bit:',
    `  sudo chown root:root '${sandbox}' && sudo chmod 4755 '${sandbox}'`,
    'or allow user namespaces for this Electron with an AppArmor profile (the .deb installs one for the packaged app):',
    `  printf 'abi <abi/4.0>,\\ninclude <tunables/global>\\nprofile electron-dev "${path}" flags=(unconfined) {\\n  userns,\\n}\\n' \\`,
    '    | sudo tee /etc/apparmor.d/sinch-keys-electron-dev && sudo apparmor_parser -r /etc/apparmor.d/sinch-keys-electron-dev',
    'Then run npm start again.\n',
  ].join('\n');
}

/** Returns the exit code for `npm start`. */
export async function launch(deps: LaunchDeps): Promise<number> {
  const electron = electronPath(deps.loadElectron);
  if ('missing' in electron) {
    deps.say(
      `\nElectron's binary is not available (${electron.missing}); no internet access to its release host?\n` +
        'Starting browser mode instead: the same app, served on 127.0.0.1.\n',
    );
    return deps.runBrowserMode();
  }
  const run = await deps.runElectron(electron.path);
  if (!run.sandboxBlocked) return run.status;
  deps.say(`${sandboxHint(electron.path)}Meanwhile, starting browser mode: the same app, served on 127.0.0.1.\n`);
  return deps.runBrowserMode();
}

/** Runs Electron with its stderr passed through, watching it for the sandbox failure. */
export function runElectron(path: string, args: string[], stderr: NodeJS.WritableStream = process.stderr): Promise<ElectronRun> {
  return new Promise((resolve) => {
    const child = spawn(path, args, { stdio: ['inherit', 'inherit', 'pipe'] });
    // The message can arrive split across chunks: keep a tail long enough to hold it whole.
    let tail = '';
    let sandboxBlocked = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-4096);
      sandboxBlocked ||= SANDBOX_BLOCKED.test(tail);
    });
    child.on('error', () => resolve({ status: 1, sandboxBlocked }));
    child.on('close', (code, signal) => resolve({ status: code ?? (signal ? 1 : 0), sandboxBlocked }));
  });
}
