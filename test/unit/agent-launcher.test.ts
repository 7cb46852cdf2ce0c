// What an AI client's config runs (core/agent-launcher.ts), decided from what the door knows and what this computer
// has installed. The file system here is a table of paths, so each platform's layout can be tried on any machine.
import { describe, expect, it } from 'vitest';
import { findAgentLauncher, type LauncherFacts } from '../../core/agent-launcher';
import { agentHandlers } from '../../core/agent-service';
import type { ProfileService } from '../../core/profiles';
import type { SettingsStore } from '../../core/settings-store';

/** A computer with these files (and links: path → target). */
function computer(files: string[], links: Record<string, string> = {}, facts: Partial<LauncherFacts> = {}): LauncherFacts {
  const all = new Set([...files, ...Object.keys(links)]);
  return {
    env: { PATH: '/usr/bin:/bin' },
    platform: 'linux',
    home: '/home/ada',
    isFile: (path) => all.has(path),
    realpath: (path) => links[path] ?? path,
    ...facts,
  };
}

const GLOBAL_CLI = '/usr/local/lib/node_modules/sinch-keys/bin/sinch-keys.mjs';

describe('the command an AI client config runs', () => {
  it('from the CLI or browser mode: the Node.js running it and its own bin script', () => {
    const facts = computer(
      ['/work/sinch-keys/bin/sinch-keys.mjs'],
      {},
      {
        node: '/home/ada/.nvm/versions/node/v20.19.0/bin/node',
        ownCli: '/work/sinch-keys/bin/sinch-keys.mjs',
      },
    );
    expect(findAgentLauncher(facts)).toEqual({
      command: '/home/ada/.nvm/versions/node/v20.19.0/bin/node',
      args: ['/work/sinch-keys/bin/sinch-keys.mjs'],
    });
  });

  it('from the packaged desktop app: an installed Node.js and sinch-keys, by absolute path, links resolved', () => {
    const facts = computer(['/usr/local/bin/node', GLOBAL_CLI], { '/usr/local/bin/sinch-keys': GLOBAL_CLI });
    expect(findAgentLauncher(facts)).toEqual({ command: '/usr/local/bin/node', args: [GLOBAL_CLI] });
  });

  it("finds Homebrew's Node.js and npm's sinch-keys although a macOS app starts with PATH=/usr/bin:/bin", () => {
    const cli = '/opt/homebrew/lib/node_modules/sinch-keys/bin/sinch-keys.mjs';
    const facts = computer(['/opt/homebrew/bin/node', cli], { '/opt/homebrew/bin/sinch-keys': cli }, { platform: 'darwin' });
    expect(findAgentLauncher(facts)).toEqual({ command: '/opt/homebrew/bin/node', args: [cli] });
  });

  it("on Windows: node.exe and the package beside npm's .cmd shim", () => {
    const npm = 'C:\\Users\\ada\\AppData\\Roaming\\npm';
    const cli = `${npm}\\node_modules\\sinch-keys\\bin\\sinch-keys.mjs`;
    const facts = computer(
      ['C:\\Program Files\\nodejs\\node.exe', `${npm}\\sinch-keys.cmd`, cli],
      {},
      {
        platform: 'win32',
        env: { Path: 'C:\\Windows\\system32;C:\\Program Files\\nodejs', APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' },
        home: 'C:\\Users\\ada',
      },
    );
    expect(findAgentLauncher(facts)).toEqual({ command: 'C:\\Program Files\\nodejs\\node.exe', args: [cli] });
  });

  it('from the desktop app run from a checkout (npm start): a Node.js on PATH and the checkout bin script', () => {
    const own = '/work/sinch-keys/bin/sinch-keys.mjs';
    const facts = computer(['/usr/bin/node', own], {}, { ownCli: own });
    expect(findAgentLauncher(facts)).toEqual({ command: '/usr/bin/node', args: [own] });
  });

  it('nothing to run without Node.js, or without the CLI, or when `sinch-keys` is not the npm package', () => {
    expect(findAgentLauncher(computer([GLOBAL_CLI], { '/usr/local/bin/sinch-keys': GLOBAL_CLI }))).toBeUndefined();
    expect(findAgentLauncher(computer(['/usr/bin/node']))).toBeUndefined();
    expect(findAgentLauncher(computer(['/usr/bin/node', '/usr/local/bin/sinch-keys']))).toBeUndefined();
    // A bin script the door named but that is not there (the packaged app's) does not count.
    expect(findAgentLauncher(computer([], {}, { node: '/usr/bin/node', ownCli: '/opt/app/bin/sinch-keys.mjs' }))).toBeUndefined();
  });

  it('with nothing to run, the engine writes no config and says what to install', async () => {
    const settings = { path: '/tmp/x/config.json', read: () => ({ profiles: [] }) } as unknown as SettingsStore;
    const places = () => ({ env: {}, platform: 'linux' as const, home: '/nonexistent' });
    const handlers = agentHandlers({ settings, profiles: {} as ProfileService, launcher: () => undefined, places });
    const preview = handlers['agent.clientConfig']({ client: 'cursor', server: 'sinch-keys', write: true });
    await expect(preview).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('no `sinch-keys` command with Node.js to run it'),
      hint: expect.stringContaining('Install Node.js 20.19 or newer and the `sinch-keys` command'),
    });
  });
});
