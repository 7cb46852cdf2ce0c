// What `npm start` opens (scripts/launch.ts). Electron itself is replaced by small shell scripts that behave like the
// binary does in each case — including Chromium's exact words when AppArmor blocks its sandbox — since no Electron
// binary can be downloaded here; browser mode is replaced by a recorder (its server has tests of its own).
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { type LaunchDeps, launch, runElectron } from '../../scripts/launch';

const dir = mkdtempSync(join(tmpdir(), 'sinch-keys-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in `electron` that writes stderr and exits as told. */
function fakeElectron(name: string, stderrText: string, status: number): string {
  const path = join(dir, name, 'electron');
  writeFileSync(join(dir, `${name}.txt`), stderrText);
  mkdirSync(join(dir, name));
  writeFileSync(path, `#!/bin/sh\ncat '${join(dir, `${name}.txt`)}' >&2\nexit ${status}\n`);
  chmodSync(path, 0o755);
  return path;
}

const SANDBOX_CRASH =
  '[12345:1201/101010.123:FATAL:setuid_sandbox_host.cc(163)] The SUID sandbox helper binary was found, but is not ' +
  "configured correctly. Rather than run without sandboxing I'm aborting now. You need to make sure that " +
  '/x/node_modules/electron/dist/chrome-sandbox is owned by root and has mode 4755.\n';

function deps(loadElectron: () => unknown) {
  const said: string[] = [];
  const calls = { browser: 0, electron: 0 };
  const d: LaunchDeps = {
    loadElectron,
    runElectron: (path) => {
      calls.electron++;
      return runElectron(path, [], new PassThrough());
    },
    runBrowserMode: async () => {
      calls.browser++;
      return 0;
    },
    say: (text) => said.push(text),
  };
  return { d, said, calls };
}

describe('npm start', () => {
  it("starts browser mode, and says so, when Electron's binary cannot be downloaded", async () => {
    const { d, said, calls } = deps(() => {
      throw new Error('Electron failed to install correctly.');
    });
    expect(await launch(d)).toBe(0);
    expect(calls).toEqual({ browser: 1, electron: 0 });
    expect(said.join('')).toMatch(/not available \(Electron failed to install correctly\.\).*Starting browser mode instead/s);
  });

  it('starts browser mode when the path Electron names does not exist', async () => {
    const { d, said, calls } = deps(() => join(dir, 'nowhere', 'electron'));
    expect(await launch(d)).toBe(0);
    expect(calls.browser).toBe(1);
    expect(said.join('')).toContain('Starting browser mode instead');
  });

  it('opens the desktop app when Electron runs, and passes its exit status on without a hint', async () => {
    const { d, said, calls } = deps(() => fakeElectron('fine', 'some warning\n', 3));
    expect(await launch(d)).toBe(3);
    expect(calls).toEqual({ browser: 0, electron: 1 });
    expect(said).toEqual([]);
  });

  it('explains the AppArmor sandbox crash (chrome-sandbox setuid or a profile) and falls back to browser mode', async () => {
    const path = fakeElectron('blocked', SANDBOX_CRASH, 133);
    const { d, said, calls } = deps(() => path);
    expect(await launch(d)).toBe(0);
    expect(calls).toEqual({ browser: 1, electron: 1 });
    const hint = said.join('');
    expect(hint).toContain('AppArmor (Ubuntu 23.10+)');
    expect(hint).toContain(`sudo chmod 4755 '${join(dir, 'blocked', 'chrome-sandbox')}'`);
    expect(hint).toContain(`profile electron-dev "${path}"`);
    expect(hint).toContain('starting browser mode');
  });

  it('passes Electron stderr through while watching it, even when the message arrives in pieces', async () => {
    const path = join(dir, 'split.sh');
    writeFileSync(join(dir, 'head.txt'), SANDBOX_CRASH.slice(0, 90));
    writeFileSync(join(dir, 'rest.txt'), SANDBOX_CRASH.slice(90));
    writeFileSync(path, `#!/bin/sh\ncat '${dir}/head.txt' >&2\nsleep 0.2\ncat '${dir}/rest.txt' >&2\nexit 133\n`);
    chmodSync(path, 0o755);
    const seen = new PassThrough();
    const chunks: Buffer[] = [];
    seen.on('data', (chunk: Buffer) => chunks.push(chunk));
    expect(await runElectron(path, [], seen)).toEqual({ status: 133, sandboxBlocked: true });
    expect(Buffer.concat(chunks).toString()).toBe(SANDBOX_CRASH);
  });
});
