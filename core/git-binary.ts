// Where git is, found deliberately rather than through PATH alone. An app started from Finder gets launchd's minimal
// PATH (/usr/bin:/bin:/usr/sbin:/sbin), where Homebrew's git is missing; and /usr/bin/git on macOS is Apple's shim,
// which without the Command Line Tools opens an "install developer tools" dialog instead of running. So on macOS the
// shim is never run: the Command Line Tools' and Xcode's own git are looked up directly (no xcrun, which is a shim
// too), next to the usual install places. No git found means the export says it could not check, not that it is safe.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface GitLookup {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** True when path is an executable file. */
  isExecutable?: (path: string) => boolean;
}

const MAC_SHIMS = new Set(['/usr/bin/git']);
const KNOWN_PLACES: Partial<Record<NodeJS.Platform, string[]>> = {
  darwin: [
    '/opt/homebrew/bin/git',
    '/usr/local/bin/git',
    '/opt/local/bin/git',
    '/Library/Developer/CommandLineTools/usr/bin/git',
    '/Applications/Xcode.app/Contents/Developer/usr/bin/git',
  ],
  linux: ['/usr/bin/git', '/usr/local/bin/git', '/bin/git'],
  win32: ['C:\\Program Files\\Git\\cmd\\git.exe', 'C:\\Program Files (x86)\\Git\\cmd\\git.exe'],
};

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The git to run, or undefined when this machine has none that can run without prompting the user. */
export function findGit({ platform, env, isExecutable = executable }: GitLookup): string | undefined {
  const name = platform === 'win32' ? 'git.exe' : 'git';
  const sep = platform === 'win32' ? ';' : delimiter;
  const onPath = (env.PATH ?? env.Path ?? '')
    .split(sep)
    .filter(Boolean)
    .map((dir) => (platform === 'win32' ? `${dir}\\${name}` : join(dir, name)));
  const candidates = [...onPath, ...(KNOWN_PLACES[platform] ?? [])];
  return candidates.find((path) => !(platform === 'darwin' && MAC_SHIMS.has(path)) && isExecutable(path));
}
