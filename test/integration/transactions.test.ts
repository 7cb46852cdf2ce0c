// Each user action is one transaction over the settings file and the keychain: every step of it is made to fail in
// turn (a keychain call, the file write), and both stores must then be exactly as they were before the action.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SecretStore } from '../../core/ports';
import { ProfileService, secretAccount } from '../../core/profiles';
import { SettingsStore } from '../../core/settings-store';
import { AppError } from '../../shared/errors';
import { cliHome } from '../support/cli';
import { FaultySettingsFile } from '../support/faulty-settings-file';
import { rejection } from '../support/rejection';

const KEY_ID = '3f0c6f0e-1b7a-4c2e-9f57-2a8f2f1d9b11';
const OTHER_KEY_ID = '9b2d1c3e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';

/** A keychain in memory whose n-th call of one kind fails, as a locked or vanished Secret Service fails it. */
class StepFailingKeychain implements SecretStore {
  // It stands in for the Secret Service, whose failures it imitates.
  readonly backend = 'secretService' as const;
  readonly entries = new Map<string, string>();
  fail: { op: 'get' | 'set' | 'delete'; nth: number } | undefined;
  #calls = { get: 0, set: 0, delete: 0 };

  arm(op: 'get' | 'set' | 'delete', nth: number): void {
    this.fail = { op, nth };
    this.#calls = { get: 0, set: 0, delete: 0 };
  }

  #step(op: 'get' | 'set' | 'delete'): void {
    this.#calls[op]++;
    if (this.fail?.op === op && this.fail.nth === this.#calls[op]) {
      this.fail = undefined;
      throw new AppError('KEYCHAIN_LOCKED', 'The test keychain is locked.');
    }
  }

  async get(account: string) {
    this.#step('get');
    return this.entries.get(account) ?? null;
  }
  async set(account: string, secret: string) {
    this.#step('set');
    this.entries.set(account, secret);
  }
  async delete(account: string) {
    this.#step('delete');
    return this.entries.delete(account);
  }
  async accounts() {
    return [...this.entries.keys()];
  }
}

let dir: string;
let file: FaultySettingsFile;
let keychain: StepFailingKeychain;
let profiles: ProfileService;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sinch-keys-transactions-'));
  file = new FaultySettingsFile(dir);
  keychain = new StepFailingKeychain();
  profiles = new ProfileService({ settings: new SettingsStore(file), secrets: keychain });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Both stores, as a user would compare them: the file's bytes and every keychain entry. */
const snapshot = () => ({
  file: (() => {
    try {
      return readFileSync(file.path, 'utf8');
    } catch {
      return '(no file)';
    }
  })(),
  secrets: Object.fromEntries([...keychain.entries].sort()),
});

const twoKeys = [
  { kind: 'accessKey' as const, keyId: KEY_ID, secret: 'first-secret' },
  { kind: 'accessKey' as const, keyId: OTHER_KEY_ID, secret: 'second-secret' },
];

async function withProfile() {
  const profile = await profiles.create({ name: 'Acme' }, twoKeys);
  return { profile, first: profile.credentials[0]?.id ?? '', second: profile.credentials[1]?.id ?? '' };
}

type Fault = ['keychain', 'get' | 'set' | 'delete', number] | ['file write'];
const arm = (fault: Fault) => {
  if (fault[0] === 'file write') file.failWrites = true;
  else keychain.arm(fault[1], fault[2]);
};

describe('an action that fails at any step leaves the file and the keychain as they were', () => {
  it.each<[string, Fault[], () => Promise<unknown>]>([
    [
      'create a profile with two keys',
      [['keychain', 'set', 1], ['keychain', 'set', 2], ['file write']],
      () => profiles.create({ name: 'New' }, twoKeys),
    ],
    [
      'add a credential',
      [['keychain', 'set', 1], ['file write']],
      async () =>
        profiles.addCredential(profiles.find('Acme').id, {
          kind: 'mailgun',
          domain: 'mg.example.com',
          secret: 'key-0123456789abcdef',
        }),
    ],
    [
      'rotate a secret',
      [['keychain', 'get', 1], ['keychain', 'set', 1], ['file write']],
      async () => {
        const { id, credentials } = profiles.find('Acme');
        return profiles.updateCredential(id, credentials[0]?.id ?? '', { secret: 'rotated-secret', label: 'new' });
      },
    ],
    ['rename a profile', [['file write']], async () => profiles.update(profiles.find('Acme').id, { name: 'Renamed' })],
    [
      'remove a profile with two keys',
      [['keychain', 'get', 1], ['keychain', 'delete', 1], ['keychain', 'get', 2], ['keychain', 'delete', 2], ['file write']],
      async () => profiles.remove(profiles.find('Acme').id),
    ],
    [
      'remove one credential',
      [['keychain', 'get', 1], ['keychain', 'delete', 1], ['file write']],
      async () => {
        const { id, credentials } = profiles.find('Acme');
        return profiles.removeCredential(id, credentials[1]?.id ?? '');
      },
    ],
  ])('%s', async (_, faults, action) => {
    await withProfile();
    for (const fault of faults) {
      const before = snapshot();
      arm(fault);
      const err = await rejection(action());
      file.failWrites = false;
      expect(err.code, `${fault.join(' ')} fails the action`).toMatch(/KEYCHAIN_LOCKED|SETTINGS_UNREADABLE/);
      expect(snapshot(), `after ${fault.join(' ')} failed`).toEqual(before);
    }
    // And with no fault the same action goes through.
    const before = snapshot();
    await action();
    expect(snapshot()).not.toEqual(before);
  });

  it('a secret that cannot be put back is named in the hint, so the user runs doctor', async () => {
    const { profile } = await withProfile();
    file.failWrites = true;
    keychain.arm('set', 1); // the undo of the first delete
    const err = await rejection(profiles.remove(profile.id));
    expect(err.hint).toContain('sinch-keys doctor');
  });
});

describe('a lock taken over as stale while its holder was only slow', () => {
  it("the slow change starts over from the other writer's file: both changes kept, no secret orphaned", async () => {
    await withProfile();
    const settle = keychain.set.bind(keychain);
    let takenOver = false;
    keychain.set = async (account, secret) => {
      if (!takenOver) {
        takenOver = true;
        // What another process does when this one looks crashed: it removes the lock, takes it and writes.
        rmSync(`${file.path}.lock`, { recursive: true, force: true });
        const json = JSON.parse(readFileSync(file.path, 'utf8'));
        json.profiles.push({ ...json.profiles[0], id: 'written-meanwhile', name: 'Written meanwhile', credentials: [] });
        writeFileSync(file.path, JSON.stringify(json));
      }
      return settle(account, secret);
    };
    const added = await profiles.create({ name: 'Slow' }, [{ kind: 'accessKey', keyId: OTHER_KEY_ID, secret: 'slow-secret' }]);
    expect(profiles.list().map((p) => p.name)).toEqual(['Acme', 'Written meanwhile', 'Slow']);
    // The first attempt's secret was deleted before starting over: only the saved credential's is left.
    const named = profiles.list().flatMap((p) => p.credentials.map((c) => secretAccount(p.id, c.id)));
    expect([...keychain.entries.keys()].sort()).toEqual(named.sort());
    expect(keychain.entries.get(secretAccount(added.id, added.credentials[0]?.id ?? ''))).toBe('slow-secret');
  });
});

describe('adding from the command line', () => {
  it('an add whose secret never arrives (empty stdin) leaves no profile and no file change', async () => {
    const cli = cliHome();
    try {
      const added = await cli.run(['add', 'Empty', '--kind', 'access-key', '--key-id', KEY_ID], { stdin: '' });
      expect(added.code).not.toBe(0);
      expect(added.stderr).toContain('no value on standard input');
      const list = await cli.run(['--json', 'list']);
      expect(list.json()).toEqual([]);
    } finally {
      rmSync(cli.home, { recursive: true, force: true });
    }
  });

  it('a new profile whose key is refused leaves no empty profile behind', async () => {
    const cli = cliHome();
    try {
      const added = await cli.run(['add', 'Bad key', '--kind', 'access-key', '--key-id', 'not-a-uuid'], { stdin: 's\n' });
      expect(added.code).toBe(2);
      expect((await cli.run(['--json', 'list'])).json()).toEqual([]);
    } finally {
      rmSync(cli.home, { recursive: true, force: true });
    }
  });
});
