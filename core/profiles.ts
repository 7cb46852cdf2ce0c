// Profiles and their credentials: metadata in the settings file, one keychain entry per secret.
// Every change is all-or-nothing: the keychain is written first and rolled back if the metadata write fails,
// so there is never metadata pointing at a secret that was not stored, nor a secret left behind by a delete.
import { randomUUID } from 'node:crypto';
import { AppError } from '../shared/errors';
import {
  type CredentialInput,
  type CredentialMeta,
  type CredentialPatch,
  credentialInputSchema,
  credentialMetaSchema,
  credentialPatchSchema,
  firstIssueMessage,
  type Profile,
  type ProfileInput,
  type ProfilePatch,
  profileInputSchema,
  profilePatchSchema,
  publicIdOf,
  sameProfileName,
  secretSchemaFor,
} from '../shared/profile';
import type { SecretStore } from './ports';
import type { SettingsStore } from './settings-store';

export const secretAccount = (profileId: string, credentialId: string): string => `${profileId}/${credentialId}`;

function parse<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: import('zod').ZodError } },
  value: unknown,
): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError('VALIDATION', firstIssueMessage(result.error));
  return result.data;
}

export interface ProfileServiceOptions {
  settings: SettingsStore;
  secrets: SecretStore;
  now?: () => number;
  newId?: () => string;
  /** Told when a credential's secret changes or disappears, so cached tokens for it are dropped. */
  onCredentialChanged?: (credential: CredentialMeta) => void;
}

export class ProfileService {
  readonly #settings: SettingsStore;
  readonly #secrets: SecretStore;
  readonly #now: () => string;
  readonly #newId: () => string;
  readonly #onChanged: (credential: CredentialMeta) => void;

  constructor(options: ProfileServiceOptions) {
    this.#settings = options.settings;
    this.#secrets = options.secrets;
    const now = options.now ?? Date.now;
    this.#now = () => new Date(now()).toISOString();
    this.#newId = options.newId ?? randomUUID;
    this.#onChanged = options.onCredentialChanged ?? (() => {});
  }

  list(): Profile[] {
    return this.#settings.read().profiles;
  }

  get(profileId: string): Profile {
    const profile = this.list().find((p) => p.id === profileId);
    if (!profile)
      throw new AppError(
        'NOT_FOUND',
        'That profile no longer exists.',
        'Refresh the list; it may have been deleted from the CLI or another window.',
      );
    return profile;
  }

  /** Profiles are addressed by name in the CLI: exact id, then the name compared after NFC and case folding. */
  find(idOrName: string): Profile {
    const all = this.list();
    const profile = all.find((p) => p.id === idOrName) ?? all.find((p) => sameProfileName(p.name, idOrName));
    if (!profile)
      throw new AppError(
        'NOT_FOUND',
        `No profile named "${idOrName.slice(0, 80)}".`,
        all.length ? `Known profiles: ${all.map((p) => p.name).join(', ')}.` : 'Add one first.',
      );
    return profile;
  }

  credential(profileId: string, credentialId: string): { profile: Profile; credential: CredentialMeta } {
    const profile = this.get(profileId);
    const credential = profile.credentials.find((c) => c.id === credentialId);
    if (!credential) throw new AppError('NOT_FOUND', `Profile "${profile.name}" has no such credential.`);
    return { profile, credential };
  }

  create(input: ProfileInput): Profile {
    const data = parse(profileInputSchema, input);
    const at = this.#now();
    const profile: Profile = { ...data, id: this.#newId(), credentials: [], createdAt: at, updatedAt: at };
    this.#settings.update((s) => {
      this.#assertUniqueName(s.profiles, profile.name);
      return { ...s, profiles: [...s.profiles, profile] };
    });
    return profile;
  }

  /** Edit and rename. */
  update(profileId: string, patch: ProfilePatch): Profile {
    const data = parse(profilePatchSchema, patch);
    let updated: Profile | undefined;
    this.#settings.update((s) => {
      const current = s.profiles.find((p) => p.id === profileId);
      if (!current) throw new AppError('NOT_FOUND', 'That profile no longer exists.');
      if (data.name !== undefined)
        this.#assertUniqueName(
          s.profiles.filter((p) => p.id !== profileId),
          data.name,
        );
      const { maxKeyAgeDays, ...rest } = stripUndefined(data);
      updated = { ...current, ...rest, updatedAt: this.#now() };
      // null clears the profile's own limit, so the global one applies again.
      if (maxKeyAgeDays === null) delete updated.maxKeyAgeDays;
      else if (maxKeyAgeDays !== undefined) updated.maxKeyAgeDays = maxKeyAgeDays;
      return { ...s, profiles: s.profiles.map((p) => (p.id === profileId ? (updated as Profile) : p)) };
    });
    return updated as Profile;
  }

  /** Remembers that the user confirmed this profile's access key may go to a Function host. */
  confirmFunctionHost(profileId: string, host: string): void {
    this.#settings.update((s) => {
      const current = s.profiles.find((p) => p.id === profileId);
      if (!current) throw new AppError('NOT_FOUND', 'That profile no longer exists.');
      const functionHosts = [...new Set([...(current.functionHosts ?? []), host])];
      return { ...s, profiles: s.profiles.map((p) => (p.id === profileId ? { ...p, functionHosts } : p)) };
    });
  }

  /** Deletes every keychain entry of the profile first; if one cannot be deleted, the profile stays. */
  async remove(profileId: string): Promise<void> {
    const profile = this.get(profileId);
    for (const credential of profile.credentials) {
      await this.#secrets.delete(secretAccount(profileId, credential.id));
      this.#onChanged(credential);
    }
    this.#settings.update((s) => ({ ...s, profiles: s.profiles.filter((p) => p.id !== profileId) }));
  }

  async addCredential(profileId: string, input: CredentialInput): Promise<CredentialMeta> {
    const { secret, ...fields } = parse(credentialInputSchema, input);
    const existing = this.get(profileId).credentials.find(
      (c) => c.kind === fields.kind && publicIdOf(c).toLowerCase() === publicIdOf(fields as CredentialMeta).toLowerCase(),
    );
    if (existing)
      throw new AppError(
        'CONFLICT',
        `This profile already has that ${fields.kind === 'mailgun' ? 'Mailgun domain' : 'key'} (${publicIdOf(existing)}).`,
        'Edit the existing credential to rotate its secret.',
      );
    const at = this.#now();
    const credential = { ...fields, id: this.#newId(), createdAt: at, updatedAt: at } as CredentialMeta;
    const account = secretAccount(profileId, credential.id);
    await this.#secrets.set(account, secret);
    try {
      this.#settings.update((s) => ({
        ...s,
        profiles: s.profiles.map((p) =>
          p.id === profileId ? { ...p, credentials: [...p.credentials, credential], updatedAt: at } : p,
        ),
      }));
    } catch (err) {
      await this.#secrets.delete(account);
      throw err;
    }
    return credential;
  }

  /**
   * Edits public fields and/or rotates the secret; the old secret is restored if the metadata write fails. A new
   * secret is a new key as far as its age goes, so the age starts again.
   */
  async updateCredential(profileId: string, credentialId: string, patch: CredentialPatch): Promise<CredentialMeta> {
    const { secret, ...fields } = parse(credentialPatchSchema, patch);
    const { credential } = this.credential(profileId, credentialId);
    const at = this.#now();
    // Fields of other kinds in the patch are dropped by the kind's schema; the kind itself never changes.
    const next = parse(credentialMetaSchema, {
      ...credential,
      ...stripUndefined(fields),
      kind: credential.kind,
      ...(secret === undefined ? {} : { createdAt: at }),
      updatedAt: at,
    });
    const account = secretAccount(profileId, credentialId);
    const newSecret = secret === undefined ? undefined : parse(secretSchemaFor(credential.kind), secret);
    const previous = newSecret === undefined ? null : await this.#secrets.get(account);
    if (newSecret !== undefined) await this.#secrets.set(account, newSecret);
    try {
      this.#settings.update((s) => ({
        ...s,
        profiles: s.profiles.map((p) =>
          p.id === profileId
            ? { ...p, credentials: p.credentials.map((c) => (c.id === credentialId ? next : c)), updatedAt: next.updatedAt }
            : p,
        ),
      }));
    } catch (err) {
      if (previous !== null) await this.#secrets.set(account, previous);
      throw err;
    }
    this.#onChanged(credential);
    return next;
  }

  async removeCredential(profileId: string, credentialId: string): Promise<void> {
    const { credential } = this.credential(profileId, credentialId);
    await this.#secrets.delete(secretAccount(profileId, credentialId));
    this.#onChanged(credential);
    this.#settings.update((s) => ({
      ...s,
      profiles: s.profiles.map((p) =>
        p.id === profileId ? { ...p, credentials: p.credentials.filter((c) => c.id !== credentialId) } : p,
      ),
    }));
  }

  /** The one way a secret leaves the keychain; callers decide whether the user asked for it. */
  async readSecret(profileId: string, credentialId: string): Promise<string> {
    const { profile, credential } = this.credential(profileId, credentialId);
    const secret = await this.#secrets.get(secretAccount(profileId, credentialId));
    if (secret === null)
      throw new AppError(
        'KEYCHAIN_ENTRY_MISSING',
        `The secret of "${credential.label || credential.kind}" in profile "${profile.name}" is not in the ${this.#secrets.backend}.`,
        'It may have been deleted in your keychain manager. Edit the credential and paste the secret again.',
      );
    return secret;
  }

  #assertUniqueName(profiles: Profile[], name: string): void {
    if (profiles.some((p) => sameProfileName(p.name, name)))
      throw new AppError('CONFLICT', `A profile named "${name.trim()}" already exists.`, 'Choose another name.');
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
