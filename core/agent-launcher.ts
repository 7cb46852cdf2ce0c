// How an AI client starts Sinch Keys' MCP server: the command written into its config file. Clients start servers
// with a bare environment (Claude Desktop on macOS gets PATH=/usr/bin:/bin), so the entry names Node.js and the CLI
// script by absolute path. The desktop app cannot be that command: its Electron binary does not run scripts (the
// runAsNode fuse is off) and the package holds no CLI. So the door that runs the engine says what it knows, and this
// decides: its own Node and CLI when it has both (the CLI, browser mode), else a Node.js and a `sinch-keys` installed
// on this computer; else nothing, and the engine says what to install.
import { realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';
import type { LaunchCommand } from '../shared/agent-clients';
import { AppError } from '../shared/errors';

export interface LauncherFacts {
  /** The Node.js running this door, when the door is Node (the CLI, browser mode); not the desktop app's Electron. */
  node?: string;
  /** bin/sinch-keys.mjs of this very install, when it has one (a checkout; the packaged app has none). */
  ownCli?: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
  isFile(path: string): boolean;
  /** The file a link points to: npm's global `sinch-keys` is a link to the package's bin script. */
  realpath(path: string): string;
}

/** Where Node.js and global npm commands usually are, for a desktop app started without the shell's PATH. */
function usualDirs({ env, platform, home }: LauncherFacts): string[] {
  if (platform === 'win32')
    return [
      win32.join(env.APPDATA ?? win32.join(home, 'AppData', 'Roaming'), 'npm'),
      win32.join(env.ProgramFiles ?? 'C:\\Program Files', 'nodejs'),
    ];
  return [
    '/opt/homebrew/bin',
    '/usr/local/bin',
    '/usr/bin',
    posix.join(home, '.npm-global', 'bin'),
    posix.join(home, '.local', 'bin'),
  ];
}

function searchDirs(facts: LauncherFacts): string[] {
  const separator = facts.platform === 'win32' ? ';' : ':';
  const fromPath = (facts.env.PATH ?? facts.env.Path ?? '').split(separator).filter((dir) => dir !== '');
  return [...new Set([...fromPath, ...usualDirs(facts)])];
}

function findNode(facts: LauncherFacts): string | undefined {
  const { join } = facts.platform === 'win32' ? win32 : posix;
  const name = facts.platform === 'win32' ? 'node.exe' : 'node';
  for (const dir of searchDirs(facts)) if (facts.isFile(join(dir, name))) return join(dir, name);
  return undefined;
}

/** The bin script of a `sinch-keys` installed with npm (global install or `npm link` of a checkout). */
function findInstalledCli(facts: LauncherFacts): string | undefined {
  const { join } = facts.platform === 'win32' ? win32 : posix;
  for (const dir of searchDirs(facts)) {
    if (facts.platform === 'win32') {
      // npm's Windows shims are .cmd files; the package itself sits beside them.
      const script = join(dir, 'node_modules', 'sinch-keys', 'bin', 'sinch-keys.mjs');
      if (facts.isFile(join(dir, 'sinch-keys.cmd')) && facts.isFile(script)) return script;
    } else if (facts.isFile(join(dir, 'sinch-keys'))) {
      const script = facts.realpath(join(dir, 'sinch-keys'));
      if (script.endsWith('.mjs')) return script;
    }
  }
  return undefined;
}

/** The command for an AI client's config, or undefined when this computer has no Node.js and CLI to run. */
export function findAgentLauncher(facts: LauncherFacts): LaunchCommand | undefined {
  const node = facts.node ?? findNode(facts);
  const cli = facts.ownCli && facts.isFile(facts.ownCli) ? facts.ownCli : findInstalledCli(facts);
  return node && cli ? { command: node, args: [cli] } : undefined;
}

export const cliMissing = () =>
  new AppError(
    'NOT_FOUND',
    'AI clients start Sinch Keys through its command-line tool, and this computer has no `sinch-keys` command with Node.js to run it.',
    'Install Node.js 20.19 or newer and the `sinch-keys` command (in the Sinch Keys source folder: `npm install --global .`), then try again.',
  );

const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

const realpath = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
};

/** The launcher a door gives its engine, looked up again for every config written: the user may install meanwhile. */
export const launcherOnThisComputer = (door: Pick<LauncherFacts, 'node' | 'ownCli'>) => (): LaunchCommand | undefined =>
  findAgentLauncher({ ...door, env: process.env, platform: process.platform, home: homedir(), isFile, realpath });
