// Each door honours the SINCH_KEYS_* variables through the one bootstrap: the CLI and browser mode put profiles in
// SINCH_KEYS_HOME and secrets under SINCH_KEYS_KEYCHAIN_SERVICE of the real Secret Service, and refuse bad values.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KeychainStore } from '../../core/keychain';
import { secretAccount } from '../../core/profiles';
import { startBrowserMode } from '../../web/browser-mode';
import { isolatedEnv, runInProcess } from '../support/cli-in-process';
import { openWebSession } from '../support/web-session';

const PROJECT = '11111111-2222-4333-8444-555555555555';
const KEY_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const SECRET = 'doors-environment-secret';
const cleanups: (() => Promise<unknown>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A home and keychain service of the test's own, removed afterwards (keychain entries included). */
function world() {
  const env = isolatedEnv();
  const home = env.SINCH_KEYS_HOME as string;
  const keychain = new KeychainStore({ service: env.SINCH_KEYS_KEYCHAIN_SERVICE as string });
  cleanups.push(async () => rmSync(home, { recursive: true, force: true }));
  return { env, home, keychain };
}

const savedProfiles = (home: string) =>
  JSON.parse(readFileSync(join(home, 'config.json'), 'utf8')).profiles as {
    id: string;
    name: string;
    credentials: { id: string }[];
  }[];

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

describe('the CLI door', () => {
  it('keeps profiles in SINCH_KEYS_HOME and the secret under SINCH_KEYS_KEYCHAIN_SERVICE', async () => {
    const { env, home, keychain } = world();
    const added = await runInProcess(
      ['--json', 'add', 'Doors', '--project-id', PROJECT, '--kind', 'access-key', '--key-id', KEY_ID],
      { env, stdin: `${SECRET}\n` },
    );
    expect(added.code, added.stderr).toBe(0);
    const [profile] = savedProfiles(home);
    expect(profile?.name).toBe('Doors');
    const account = secretAccount(profile?.id ?? '', profile?.credentials[0]?.id ?? '');
    cleanups.push(() => keychain.delete(account));
    expect(await keychain.get(account)).toBe(SECRET);
    expect(await new KeychainStore().get(account)).toBeNull();
    const status = await runInProcess(['--json', 'status'], { env });
    expect(JSON.parse(status.stdout).settingsPath).toBe(join(home, 'config.json'));
  });

  it.each([
    ['SINCH_KEYS_KEYCHAIN_TIMEOUT_MS', 'soon'],
    ['SINCH_KEYS_HOME', 'relative/folder'],
  ])('refuses %s=%s with a clear error and writes nothing', async (name, value) => {
    const { env, home } = world();
    const run = await runInProcess(['list'], { env: { ...env, [name]: value } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Invalid input: ${name} is set to "${value}"`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(home, 'config.json'))).toBe(false);
  });
});

describe('the browser-mode door', () => {
  const renderer = mkdtempSync(join(tmpdir(), 'sinch-keys-renderer-'));
  mkdirSync(renderer, { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Sinch Keys</title>');
  cleanups.push(async () => rmSync(renderer, { recursive: true, force: true }));

  it('listens on SINCH_KEYS_WEB_PORT and keeps profiles and secrets where the variables say', async () => {
    const { env, home, keychain } = world();
    const port = await freePort();
    const server = await startBrowserMode({
      env: { ...env, SINCH_KEYS_WEB_PORT: String(port) },
      rendererDir: renderer,
      version: 'test',
      logTo: () => {},
    });
    cleanups.push(() => server.close());
    expect(new URL(server.url).port).toBe(String(port));
    const { cookie } = await openWebSession(server);
    const api = async (op: string, input: unknown) => {
      const reply = await fetch(`${server.url}/api/${op}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify(input),
      });
      return (await reply.json()) as { ok: boolean; value: { id: string } };
    };
    const profile = await api('profiles.create', { name: 'Browser', projectId: PROJECT });
    expect(profile.ok).toBe(true);
    const credential = await api('credentials.add', {
      profileId: profile.value.id,
      credential: { kind: 'accessKey', keyId: KEY_ID, secret: SECRET, label: '' },
    });
    expect(credential.ok).toBe(true);
    const account = secretAccount(profile.value.id, credential.value.id);
    cleanups.push(() => keychain.delete(account));
    expect(savedProfiles(home).map((p) => p.name)).toEqual(['Browser']);
    expect(await keychain.get(account)).toBe(SECRET);
  });

  it('refuses a bad SINCH_KEYS_WEB_PORT instead of picking another port', async () => {
    const { env } = world();
    await expect(
      startBrowserMode({
        env: { ...env, SINCH_KEYS_WEB_PORT: '99999' },
        rendererDir: renderer,
        version: 'test',
        logTo: () => {},
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('SINCH_KEYS_WEB_PORT') });
  });
});
