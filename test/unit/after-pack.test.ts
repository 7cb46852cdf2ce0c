// The afterPack hook that refuses a desktop package without its keychain binding (scripts/after-pack.mjs). The
// package test (test/e2e/desktop-package.test.ts) shows a real build passes it; these show which builds it stops.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import afterPack from '../../scripts/after-pack.mjs';

/** electron-builder's Arch enum values. */
const X64 = 1;
const ARM64 = 3;
const UNIVERSAL = 4;

let appOutDir: string;
beforeEach(() => {
  appOutDir = mkdtempSync(join(tmpdir(), 'sinch-keys-after-pack-'));
});
afterEach(() => rmSync(appOutDir, { recursive: true, force: true }));

const resourcesDir = () => join(appOutDir, 'resources');
const context = (electronPlatformName: string, arch: number) => ({
  appOutDir,
  electronPlatformName,
  arch,
  packager: { getResourcesDir: (out: string) => join(out, 'resources') },
});

/** Puts a platform package's .node file where asarUnpack leaves it. */
function unpack(name: string): void {
  const folder = join(resourcesDir(), 'app.asar.unpacked', 'node_modules', '@napi-rs', `keyring-${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `keyring.${name}.node`), 'binary');
}

describe('the afterPack keychain-binding check', () => {
  it('lets a Linux x64 package with its unpacked binding through', async () => {
    unpack('linux-x64-gnu');
    await expect(afterPack(context('linux', X64))).resolves.toBeUndefined();
  });

  it('fails a package whose binding was left out, naming the file and what to do', async () => {
    mkdirSync(join(resourcesDir(), 'app.asar.unpacked', 'node_modules', '@napi-rs', 'keyring'), { recursive: true });
    const build = afterPack(context('linux', X64));
    await expect(build).rejects.toThrow(/keyring-linux-x64-gnu[/\\]keyring\.linux-x64-gnu\.node/);
    await expect(build).rejects.toThrow(/npm ci/);
  });

  it("fails a build for another CPU that carries only this machine's binding", async () => {
    unpack('linux-x64-gnu');
    await expect(afterPack(context('linux', ARM64))).rejects.toThrow(/keyring\.linux-arm64-gnu\.node/);
  });

  it('wants both Mac bindings in a universal app, and takes the Mac App Store build as a Mac one', async () => {
    unpack('darwin-arm64');
    await expect(afterPack(context('darwin', UNIVERSAL))).rejects.toThrow(/keyring\.darwin-x64\.node/);
    unpack('darwin-x64');
    await expect(afterPack(context('darwin', UNIVERSAL))).resolves.toBeUndefined();
    await expect(afterPack(context('mas', ARM64))).resolves.toBeUndefined();
  });

  it('fails a target it knows no binding for rather than guessing', async () => {
    await expect(afterPack(context('freebsd', X64))).rejects.toThrow(/freebsd-x64/);
  });
});
