// Test data for the benchmarks: a settings folder with many profiles, written in one go (creating 1,000 profiles
// one by one would rewrite the file 1,000 times), and a secret store that counts its reads.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SecretStore } from '../core/ports';
import { secretAccount } from '../core/profiles';
import { type Settings, settingsSchema } from '../shared/profile';

// Some names hold a "z" and no project ID or environment label can (they are hex UUIDs and prod/staging/dev), so
// typing "z" in the search box narrows 1,000 profiles to the ~200 whose name has one.
const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Zeta Labs', 'Soylent', 'Blaze Media', 'Vandelay', 'Wonka'];
const ENVIRONMENTS = ['prod', 'staging', 'dev'];
export const NARROWING_KEY = 'z';

const uuid = (n: number, salt: number) => {
  const hex = (n * 7919 + salt).toString(16).padStart(12, '0').slice(-12);
  return `a1b2c3d4-e5f6-4711-8899-${hex}`;
};

/** `count` valid profiles with one to three credentials each (metadata only; no secret is stored anywhere). */
export function manyProfiles(count: number): Settings {
  const at = new Date(Date.UTC(2026, 0, 1)).toISOString();
  const profiles = Array.from({ length: count }, (_, i) => {
    const credentials = [
      { kind: 'accessKey', id: `c${i}-a`, keyId: uuid(i, 1), label: 'CI key', createdAt: at, updatedAt: at },
      { kind: 'applicationKey', id: `c${i}-b`, applicationKey: uuid(i, 2), createdAt: at, updatedAt: at },
      { kind: 'mailgun', id: `c${i}-c`, domain: `mg${i}.example.com`, createdAt: at, updatedAt: at },
    ].slice(0, 1 + (i % 3));
    return {
      id: `p${String(i).padStart(4, '0')}`,
      name: `${COMPANIES[i % COMPANIES.length]} ${String(i).padStart(4, '0')}`,
      projectId: uuid(i, 0),
      environment: ENVIRONMENTS[i % ENVIRONMENTS.length],
      credentials,
      createdAt: at,
      updatedAt: at,
    };
  });
  return settingsSchema.parse({ version: 1, profiles });
}

/** A fresh settings folder (SINCH_KEYS_HOME) whose config.json holds `count` profiles. */
export function settingsFolder(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'sinch-keys-bench-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(manyProfiles(count)), { mode: 0o600 });
  return dir;
}

/** Wraps a store and records every account read or written; the keychain-read figure and browser mode share it. */
export class CountingSecretStore implements SecretStore {
  readonly reads: string[] = [];
  readonly writes: string[] = [];
  readonly #inner: SecretStore;

  constructor(inner: SecretStore) {
    this.#inner = inner;
  }

  get backend(): SecretStore['backend'] {
    return this.#inner.backend;
  }

  get(account: string): Promise<string | null> {
    this.reads.push(account);
    return this.#inner.get(account);
  }

  set(account: string, secret: string): Promise<void> {
    this.writes.push(account);
    return this.#inner.set(account, secret);
  }

  delete(account: string): Promise<boolean> {
    return this.#inner.delete(account);
  }

  accounts(): Promise<string[]> {
    return this.#inner.accounts();
  }
}

/** Reads of a profile's secrets (account `<profile id>/<credential id>`), as opposed to the keychain-status probe. */
export const secretReads = (reads: readonly string[], settings: Settings): string[] => {
  const accounts = new Set(settings.profiles.flatMap((p) => p.credentials.map((c) => secretAccount(p.id, c.id))));
  return reads.filter((a) => accounts.has(a));
};
