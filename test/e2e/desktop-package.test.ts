// `npm run dist -- --linux dir` on a fresh copy of this checkout, offline. Electron's release host cannot be reached
// from CI, so the build gets a stand-in Electron archive (test/support/electron-stand-in.ts) from a mirror on
// 127.0.0.1, and runs in a network namespace that has only loopback (where the machine allows one): a download of
// anything else would fail the build. The stand-in proves the package's layout — app.asar, the unpacked native
// binding, the fuse wire electron-builder flipped — but not that the real Electron binary starts with it.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUSE_SENTINEL, STAND_IN_FUSE_WIRE } from '../support/electron-stand-in';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const KEYRING_BINARY = 'node_modules/@napi-rs/keyring-linux-x64-gnu/keyring.linux-x64-gnu.node';
/** @electron/fuses' V1 wire positions, by electron-builder.yml's option names. */
const FUSE_POSITIONS: Record<string, number> = {
  runAsNode: 0,
  enableCookieEncryption: 1,
  enableNodeOptionsEnvironmentVariable: 2,
  enableNodeCliInspectArguments: 3,
  enableEmbeddedAsarIntegrityValidation: 4,
  onlyLoadAppFromAsar: 5,
  loadBrowserProcessSpecificV8Snapshot: 6,
  grantFileProtocolExtraPrivileges: 7,
};

let work: string;
let app: string;
let unpacked: string;
let isolated = false;

/**
 * The files of a fresh clone (tracked, plus new files not ignored), copied, beside a node_modules folder as npm ci
 * leaves it. Not a symlink to this checkout's node_modules: electron-builder asks `npm list` for the app's modules,
 * and npm sees each package reached through a linked node_modules as a link to a project of its own, whose
 * dependencies it does not resolve — so the keyring's platform package comes back "extraneous" and is left out of
 * app.asar (unless npm's hidden lockfile, node_modules/.package-lock.json, happens to be newer than every folder).
 */
function copyCheckout(to: string): void {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT })
    .toString()
    .split('\0')
    .filter((file) => file && existsSync(join(ROOT, file)) && !file.startsWith('node_modules'));
  for (const file of files) {
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(join(ROOT, file), join(to, file));
  }
  copyNodeModules(realpathSync(join(ROOT, 'node_modules')), join(to, 'node_modules'));
}

/** Hard links (a second or two, no space), or a real copy where the folders are on different file systems. */
function copyNodeModules(from: string, to: string): void {
  if (spawnSync('cp', ['-al', from, to]).status === 0) return;
  console.log(`Cannot hard-link ${from} into ${to}: copying it instead.`);
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true, verbatimSymlinks: true });
}

/** electron-builder.yml's electronFuses block, as name → on/off. */
function configuredFuses(): Record<string, boolean> {
  const yml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
  const block = yml.slice(yml.indexOf('\nelectronFuses:')).split('\n').slice(2);
  const fuses: Record<string, boolean> = {};
  for (const line of block) {
    const match = /^ {2}(\w+): (true|false)/.exec(line);
    if (match?.[1] && match[1] in FUSE_POSITIONS) fuses[match[1]] = match[2] === 'true';
    else if (!line.startsWith(' ')) break;
  }
  return fuses;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'sinch-keys-package-'));
  app = join(work, 'app');
  copyCheckout(app);
  const loopbackOnly = ['unshare', '-n', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh'];
  isolated = spawnSync(loopbackOnly[0] as string, [...loopbackOnly.slice(1), 'true']).status === 0;
  if (!isolated)
    console.log('No loopback-only network namespace here (unshare -n or ip failed): packaging with the network present.');
  const runner = [join(app, 'node_modules/.bin/tsx'), 'test/support/package-offline.ts', work, '--'];
  const dist = ['npm', 'run', 'dist', '--', '--linux', 'dir'];
  const [command, ...args] = [...(isolated ? loopbackOnly : []), ...runner, ...dist];
  const build = spawnSync(command as string, args, { cwd: app, encoding: 'utf8', timeout: 170_000 });
  if (build.status !== 0) throw new Error(`npm run dist failed (${build.status}):\n${build.stdout}\n${build.stderr}`);
  unpacked = join(app, 'release', 'linux-unpacked');
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the desktop package (npm run dist -- --linux dir, offline, stand-in Electron)', () => {
  const asar = () => join(unpacked, 'resources', 'app.asar');

  it('holds the built UI, main process and preload in app.asar, the same files the build produced', () => {
    for (const file of ['dist/renderer/index.html', 'dist/electron/main.cjs', 'dist/electron/preload.cjs'])
      expect(extractFile(asar(), file).equals(readFileSync(join(app, file))), file).toBe(true);
    const scripts = listPackage(asar(), { isPack: false }).filter((f) =>
      /^[/\\]dist[/\\]renderer[/\\]assets[/\\].*\.js$/.test(f),
    );
    expect(scripts.length).toBeGreaterThan(0);
  });

  it('unpacks the native keychain binding beside app.asar and packs no other node_modules', () => {
    expect(statFile(asar(), KEYRING_BINARY)).toMatchObject({ unpacked: true });
    expect(statSync(join(unpacked, 'resources', 'app.asar.unpacked', KEYRING_BINARY)).size).toBeGreaterThan(100_000);
    const packages = new Set(
      listPackage(asar(), { isPack: false })
        .map((f) => f.split(/[/\\]/).slice(1))
        .filter((parts) => parts[0] === 'node_modules' && parts.length > 2)
        .map((parts) => parts.slice(1, 3).join('/')),
    );
    expect([...packages].sort()).toEqual(['@napi-rs/keyring', '@napi-rs/keyring-linux-x64-gnu']);
  });

  it('carries the fuse wire electron-builder.yml asks for in the binary', () => {
    const binary = readFileSync(join(unpacked, 'sinch-keys'));
    const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
    const wire = binary.subarray(at + 2, at + 2 + (binary[at + 1] ?? 0)).toString('latin1');
    const expected = [...STAND_IN_FUSE_WIRE];
    const fuses = configuredFuses();
    expect(Object.keys(fuses).length).toBeGreaterThanOrEqual(7);
    for (const [name, on] of Object.entries(fuses)) expected[FUSE_POSITIONS[name] ?? -1] = on ? '1' : '0';
    expect(wire).toBe(expected.join(''));
    expect(wire).not.toBe(STAND_IN_FUSE_WIRE);
  });

  it('fetched nothing but the Electron archive and its checksums, from the loopback mirror', () => {
    const requests: string[] = JSON.parse(readFileSync(join(work, 'mirror-requests.json'), 'utf8'));
    const version = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version;
    expect(requests.sort()).toEqual([`/v${version}/SHASUMS256.txt`, `/v${version}/electron-v${version}-linux-x64.zip`]);
    if (!isolated) console.log('Not isolated: a download from elsewhere would not have failed this build.');
  });
});
