// Profiles and their credentials: metadata in the settings file, one keychain entry per secret.
// Every user action is one transaction over both stores, made under the settings file's lock from a fresh read:
// secrets are written first and the metadata last; a removal deletes the secrets first and the metadata only once
// they are gone. If any step fails, the steps already made are undone, so both stores are left as they were. A crash
// between two steps leaves at worst a secret no profile names, or a credential whose secret is gone, and
// `sinch-keys doctor` finds both.
import { randomUUID } from 'node:crypto';
import { engineError } from '../shared/engine-text';
import { AppError } from '../shared/errors';
import {
  type CredentialInput,
  type CredentialMeta,
  type CredentialPatch,
  credentialInputSchema,
  credentialMetaSchema,
  credentialPatchSchema,
  firstIssueMessage,
  type LastTest,
  type Profile,
  type ProfileInput,
  type ProfilePatch,
  profileInputSchema,
  profilePatchSchema,
  publicIdOf,
  type Settings,
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
  onCredentialChanged?: (profileId: string, credential: CredentialMeta) => void;
}

export class ProfileService {
  readonly #settings: SettingsStore;
  readonly #secrets: SecretStore;
  readonly #now: () => string;
  readonly #newId: () => string;
  readonly #onChanged: (profileId: string, credential: CredentialMeta) => void;

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
    return this.#profileIn(this.#settings.read(), profileId);
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
    return { profile, credential: this.#credentialOf(profile, credentialId) };
  }

  /** Creates a profile, with its first credentials if given: all of it, or nothing (no empty profile is left). */
  async create(input: ProfileInput, credentials: CredentialInput[] = []): Promise<Profile> {
    const data = parse(profileInputSchema, input);
    const inputs = credentials.map((c) => parse(credentialInputSchema, c));
    const at = this.#now();
    const profile: Profile = { ...data, id: this.#newId(), credentials: [], createdAt: at, updatedAt: at };
    let created = profile;
    await this.#transact(async (s, undo) => {
      this.#assertUniqueName(s.profiles, profile.name);
      created = { ...profile, credentials: await this.#storeSecrets(profile, inputs, undo) };
      return { ...s, profiles: [...s.profiles, created] };
    });
    return created;
  }

  /** Edit and rename: metadata only. */
  async update(profileId: string, patch: ProfilePatch): Promise<Profile> {
    const data = parse(profilePatchSchema, patch);
    let updated: Profile | undefined;
    await this.#transact(async (s) => {
      const current = this.#profileIn(s, profileId);
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
      return replaceProfile(s, updated);
    });
    return updated as Profile;
  }

  /** Remembers that the user confirmed this profile's access key may go to a Function host. */
  async confirmFunctionHost(profileId: string, host: string): Promise<void> {
    await this.#transact(async (s) => {
      const current = this.#profileIn(s, profileId);
      const functionHosts = [...new Set([...(current.functionHosts ?? []), host])];
      return replaceProfile(s, { ...current, functionHosts });
    });
  }

  /** Deletes every keychain entry of the profile, then the profile; if one entry cannot be deleted, all stay. */
  async remove(profileId: string): Promise<void> {
    let removed: CredentialMeta[] = [];
    await this.#transact(async (s, undo) => {
      const profile = this.#profileIn(s, profileId);
      for (const credential of profile.credentials) await this.#deleteSecret(profileId, credential.id, undo);
      removed = profile.credentials;
      return { ...s, profiles: s.profiles.filter((p) => p.id !== profileId) };
    });
    for (const credential of removed) this.#onChanged(profileId, credential);
  }

  async addCredential(profileId: string, input: CredentialInput): Promise<CredentialMeta> {
    return (await this.addCredentials(profileId, [input]))[0] as CredentialMeta;
  }

  /** Adds several credentials to a profile as one change (an import): all of them, or none. */
  async addCredentials(profileId: string, inputs: CredentialInput[]): Promise<CredentialMeta[]> {
    const parsed = inputs.map((c) => parse(credentialInputSchema, c));
    let added: CredentialMeta[] = [];
    await this.#transact(async (s, undo) => {
      const profile = this.#profileIn(s, profileId);
      added = await this.#storeSecrets(profile, parsed, undo);
      const updatedAt = added[0]?.createdAt ?? profile.updatedAt;
      return replaceProfile(s, { ...profile, credentials: [...profile.credentials, ...added], updatedAt });
    });
    return added;
  }

  /**
   * Edits public fields and/or rotates the secret; the old secret is put back if any later step fails. A new secret
   * is a new key as far as its age goes, so the age starts again.
   */
  async updateCredential(profileId: string, credentialId: string, patch: CredentialPatch): Promise<CredentialMeta> {
    const { secret, ...fields } = parse(credentialPatchSchema, patch);
    let before: CredentialMeta | undefined;
    let next: CredentialMeta | undefined;
    await this.#transact(async (s, undo) => {
      const profile = this.#profileIn(s, profileId);
      const credential = this.#credentialOf(profile, credentialId);
      const at = this.#now();
      // A new secret has not been tested: the old one's verdict goes with it.
      const { lastTest: _verdict, ...untested } = credential;
      // Fields of other kinds in the patch are dropped by the kind's schema; the kind itself never changes.
      const edited = parse(credentialMetaSchema, {
        ...(secret === undefined ? credential : untested),
        ...stripUndefined(fields),
        kind: credential.kind,
        ...(secret === undefined ? {} : { createdAt: at }),
        updatedAt: at,
      });
      if (secret !== undefined) {
        const account = secretAccount(profileId, credentialId);
        const newSecret = parse(secretSchemaFor(credential.kind), secret);
        const previous = await this.#secrets.get(account);
        await this.#secrets.set(account, newSecret);
        undo.push(() => (previous === null ? this.#secrets.delete(account) : this.#secrets.set(account, previous)));
      }
      before = credential;
      next = edited;
      const credentials = profile.credentials.map((c) => (c.id === credentialId ? edited : c));
      return replaceProfile(s, { ...profile, credentials, updatedAt: edited.updatedAt });
    });
    this.#onChanged(profileId, before as CredentialMeta);
    return next as CredentialMeta;
  }

  /**
   * Remembers the verdict of a credential's safe test in its metadata, for the default choice (defaultOrder). Only
   * for the secret that was tested: a rotation while the test ran (a new updatedAt) makes the verdict someone else's.
   * updatedAt itself stays, since it names the secret's version.
   */
  async recordTest(profileId: string, tested: Pick<CredentialMeta, 'id' | 'updatedAt'>, lastTest: LastTest): Promise<void> {
    await this.#transact(async (s) => {
      const profile = this.#profileIn(s, profileId);
      const credentials = profile.credentials.map((c) =>
        c.id === tested.id && c.updatedAt === tested.updatedAt ? { ...c, lastTest } : c,
      );
      return replaceProfile(s, { ...profile, credentials });
    });
  }

  async removeCredential(profileId: string, credentialId: string): Promise<void> {
    let removed: CredentialMeta | undefined;
    await this.#transact(async (s, undo) => {
      const profile = this.#profileIn(s, profileId);
      removed = this.#credentialOf(profile, credentialId);
      await this.#deleteSecret(profileId, credentialId, undo);
      const credentials = profile.credentials.filter((c) => c.id !== credentialId);
      return replaceProfile(s, { ...profile, credentials });
    });
    this.#onChanged(profileId, removed as CredentialMeta);
  }

  /** The one way a secret leaves the keychain; callers decide whether the user asked for it. */
  async readSecret(profileId: string, credentialId: string): Promise<string> {
    const { profile, credential } = this.credential(profileId, credentialId);
    const secret = await this.#secrets.get(secretAccount(profileId, credentialId));
    if (secret === null)
      throw engineError('KEYCHAIN_ENTRY_MISSING', 'keychainEntryMissing', {
        label: credential.label || publicIdOf(credential),
        profile: profile.name,
        backend: this.#secrets.backend,
      });
    return secret;
  }

  /**
   * Runs one change under the settings lock. `undo` collects how to reverse each keychain step already made; if the
   * change or the file write fails, they run newest first and the error is rethrown. An undo that fails too leaves
   * an entry `doctor` will list, and the error says so.
   */
  async #transact(change: (settings: Settings, undo: Undo) => Promise<Settings>): Promise<void> {
    const undo: Undo = [];
    try {
      await this.#settings.update(async (s) => {
        // Called again after a lost lock: the keychain goes back to how it was before the change starts over.
        if ((await runUndo(undo.splice(0))) > 0)
          throw new AppError(
            'KEYCHAIN_UNAVAILABLE',
            'The settings file was busy, and the keychain could not be put back as it was before trying again.',
            'Run `sinch-keys doctor` to see what is left.',
          );
        return change(s, undo);
      });
    } catch (err) {
      const unrepaired = await runUndo(undo);
      if (unrepaired === 0 || !(err instanceof AppError)) throw err;
      throw new AppError(
        err.code,
        err.message,
        `${err.hint ? `${err.hint} ` : ''}The keychain could not be put back exactly as it was; run \`sinch-keys doctor\` to see what is left.`,
      );
    }
  }

  /** Stores the secrets of new credentials of a profile, each undone by deleting it again. */
  async #storeSecrets(profile: Profile, inputs: ParsedCredentialInput[], undo: Undo): Promise<CredentialMeta[]> {
    const added: CredentialMeta[] = [];
    for (const { secret, ...fields } of inputs) {
      const same = [...profile.credentials, ...added].find(
        (c) => c.kind === fields.kind && publicIdOf(c).toLowerCase() === publicIdOf(fields as CredentialMeta).toLowerCase(),
      );
      if (same)
        throw engineError('CONFLICT', fields.kind === 'mailgun' ? 'credentialDomainTaken' : 'credentialKeyTaken', {
          publicId: publicIdOf(same),
        });
      const at = this.#now();
      const credential = { ...fields, id: this.#newId(), createdAt: at, updatedAt: at } as CredentialMeta;
      const account = secretAccount(profile.id, credential.id);
      await this.#secrets.set(account, secret);
      undo.push(() => this.#secrets.delete(account));
      added.push(credential);
    }
    return added;
  }

  /** Deletes one secret, remembering it so a later failure can put it back. */
  async #deleteSecret(profileId: string, credentialId: string, undo: Undo): Promise<void> {
    const account = secretAccount(profileId, credentialId);
    const previous = await this.#secrets.get(account);
    await this.#secrets.delete(account);
    if (previous !== null) undo.push(() => this.#secrets.set(account, previous));
  }

  #profileIn(settings: Settings, profileId: string): Profile {
    const profile = settings.profiles.find((p) => p.id === profileId);
    if (!profile) throw engineError('NOT_FOUND', 'profileGone');
    return profile;
  }

  #credentialOf(profile: Profile, credentialId: string): CredentialMeta {
    const credential = profile.credentials.find((c) => c.id === credentialId);
    if (!credential) throw engineError('NOT_FOUND', 'credentialGone', { profile: profile.name });
    return credential;
  }

  #assertUniqueName(profiles: Profile[], name: string): void {
    if (profiles.some((p) => sameProfileName(p.name, name)))
      throw engineError('CONFLICT', 'profileNameTaken', { profile: name.trim() });
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

type Undo = (() => Promise<unknown>)[];
type ParsedCredentialInput = ReturnType<typeof credentialInputSchema.parse>;

/** Runs the undo steps newest first, every one of them even if some fail; returns how many failed. */
async function runUndo(undo: Undo): Promise<number> {
  let failed = 0;
  for (const step of undo.reverse()) await step().catch(() => failed++);
  return failed;
}

const replaceProfile = (settings: Settings, profile: Profile): Settings => ({
  ...settings,
  profiles: settings.profiles.map((p) => (p.id === profile.id ? profile : p)),
});
