// `sinch-keys doctor` and the app's Doctor panel: compares the settings file with the keychain and repairs what a crash,
// a failed undo or a damaged file left behind. It looks under the settings lock, so a change under way in another
// process (a secret stored, its metadata not yet written) is never mistaken for an orphan. It deletes a secret only
// when the user named it after seeing the report.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { engineError } from '../shared/engine-text';
import { credentialMetaSchema, type Profile, profileNameKey, profileSchema, publicIdOf, type Settings } from '../shared/profile';
import type { DoctorReport } from '../shared/views';
import type { SecretStore } from './ports';
import { secretAccount } from './profiles';
import { DAMAGED_PREFIX, type SettingsStore } from './settings-store';

/** keychain.status's write probe; not a secret of any profile. */
export const PROBE_ACCOUNT = 'sinch-keys/keychain-probe';

export interface DoctorDeps {
  settings: SettingsStore;
  secrets: SecretStore;
}

export async function doctorReport({ settings, secrets }: DoctorDeps): Promise<DoctorReport> {
  return settings.examine(async (reading) => {
    const accounts = new Set((await secrets.accounts()).filter((a) => a !== PROBE_ACCOUNT));
    const profiles = 'settings' in reading ? reading.settings.profiles : [];
    const named = new Set(profiles.flatMap((p) => p.credentials.map((c) => secretAccount(p.id, c.id))));
    const backups = backupsBeside(settings.path);
    const inBackups = new Set(backups.flatMap((b) => b.accounts));
    return {
      settingsPath: settings.path,
      keychainBackend: secrets.backend,
      ...('damage' in reading ? { damage: reading.damage } : {}),
      backups: backups.map(({ accounts: _, ...b }) => b),
      orphans: [...accounts]
        .filter((a) => !named.has(a))
        .sort()
        .map((account) => ({ account, inBackup: inBackups.has(account) })),
      missingSecrets: profiles.flatMap((p) =>
        p.credentials
          .filter((c) => !accounts.has(secretAccount(p.id, c.id)))
          .map((c) => ({ profileId: p.id, profileName: p.name, credentialId: c.id, kind: c.kind, publicId: publicIdOf(c) })),
      ),
    };
  });
}

/**
 * Brings the profiles of a kept-aside copy back: every profile (and credential) in it that is still readable, added
 * to the current profiles. Their secrets, left in the keychain as orphans, are attached again by the same ids.
 */
export async function restoreBackup({ settings }: DoctorDeps, backupPath: string): Promise<{ restored: number }> {
  const backup = backupsBeside(settings.path).find((b) => b.path === backupPath);
  if (!backup) throw engineError('NOT_FOUND', 'doctorNoBackup', { path: backupPath });
  const salvaged = salvage(readFileSync(backup.path, 'utf8'));
  if (salvaged.length === 0) throw engineError('VALIDATION', 'doctorBackupEmpty', { path: backup.path });
  let restored = 0;
  await settings.replace((reading) => {
    const current: Settings = 'settings' in reading ? reading.settings : { version: 1, profiles: [] };
    const ids = new Set(current.profiles.map((p) => p.id));
    const names = new Set(current.profiles.map((p) => profileNameKey(p.name)));
    const added = salvaged
      .filter((p) => !ids.has(p.id))
      .map((p) => (names.has(profileNameKey(p.name)) ? { ...p, name: `${p.name.slice(0, 69)} (restored)` } : p));
    restored = added.length;
    return { ...current, profiles: [...current.profiles, ...added] };
  });
  return { restored };
}

/** Replaces a damaged file with an empty one; its copy stays aside, and its secrets stay in the keychain. */
export async function startFresh({ settings }: DoctorDeps): Promise<void> {
  await settings.replace((reading) => {
    if (!('damage' in reading)) throw engineError('CONFLICT', 'doctorNotDamaged');
    return { version: 1, profiles: [] };
  });
}

/** Deletes the orphans the user named, and only those that are still orphans under the lock. */
export async function deleteOrphans({ settings, secrets }: DoctorDeps, named: string[]): Promise<{ deleted: string[] }> {
  return settings.examine(async (reading) => {
    if ('damage' in reading) throw engineError('SETTINGS_CORRUPT', 'doctorDamagedKeepsOrphans');
    const used = new Set(reading.settings.profiles.flatMap((p) => p.credentials.map((c) => secretAccount(p.id, c.id))));
    const present = new Set(await secrets.accounts());
    const deleted: string[] = [];
    for (const account of named)
      if (account !== PROBE_ACCOUNT && present.has(account) && !used.has(account)) {
        await secrets.delete(account);
        deleted.push(account);
      }
    return { deleted };
  });
}

interface Backup {
  path: string;
  modifiedAt: string;
  /** Profiles still readable in it. */
  profiles: number;
  accounts: string[];
}

function backupsBeside(settingsPath: string): Backup[] {
  const dir = dirname(settingsPath);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith(DAMAGED_PREFIX));
  } catch {
    return []; // no folder yet, or the in-memory store
  }
  return names.sort().map((name) => {
    const path = join(dir, name);
    const profiles = salvage(readFileSync(path, 'utf8'));
    return {
      path,
      modifiedAt: statSync(path).mtime.toISOString(),
      profiles: profiles.length,
      accounts: profiles.flatMap((p) => p.credentials.map((c) => secretAccount(p.id, c.id))),
    };
  });
}

/** Every profile of a damaged file that still reads, with the credentials of it that still read. */
export function salvage(raw: string): Profile[] {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return [];
  }
  const list = (json as { profiles?: unknown } | null)?.profiles;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const credentials = Array.isArray((entry as { credentials?: unknown }).credentials)
      ? (entry as { credentials: unknown[] }).credentials.flatMap((c) => {
          const parsed = credentialMetaSchema.safeParse(c);
          return parsed.success ? [parsed.data] : [];
        })
      : [];
    const parsed = profileSchema.safeParse({ ...entry, credentials });
    return parsed.success ? [parsed.data] : [];
  });
}
