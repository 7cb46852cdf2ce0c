// What the engine answers: plain JSON shapes that may cross to the renderer. None holds a secret or a token,
// except SecretReveal, which only `secrets.reveal` returns when the user clicked reveal or copy.
import type { AuthScheme, CredentialKind, ProductId } from './catalog';
import type { Diagnosis, RedirectInfo } from './diagnosis';
import type { KeychainBackend, TextRef } from './engine-text';
import type { AppErrorData } from './errors';
import type { FleetCell } from './fleet';
import type { KeyAge } from './key-age';
import type { CredentialMeta, Profile } from './profile';
import type { TokenState } from './token-state';

export interface ProfileSummary {
  id: string;
  name: string;
  projectId: string;
  environment: string;
  credentialKinds: CredentialKind[];
  credentialCount: number;
  /** Creation time of the oldest credential (ISO), for the "key age" hint in the sidebar. */
  oldestKeyCreatedAt?: string;
  /** The oldest credential's age against the profile's limit: the sidebar flags it when overdue. */
  oldestKeyAge?: KeyAge;
  updatedAt: string;
}

/** Where the credentials of a request came from: a saved profile, or environment variables (CLI). */
export type CredentialSource = { kind: 'profile'; profileName: string } | { kind: 'environment'; variables: string[] };

export interface AppInfo {
  version: string;
  keychainBackend: KeychainBackend;
  settingsPath: string;
  /** The key-age limit for profiles that set none (days). */
  maxKeyAgeDays: number;
  /** Set while the settings file is damaged: where its bytes were kept, and what that means. */
  settingsDamage?: { backupPath: string; message: string };
}

export interface KeychainStatus {
  backend: KeychainBackend;
  state: 'ok' | 'locked' | 'unavailable' | 'timeout';
  message?: string;
  hint?: string;
  /** The message's id and facts, for doors that say it in another language. */
  text?: TextRef;
}

export interface TestResult {
  ok: boolean;
  method: string;
  url: string;
  status?: number;
  latencyMs: number;
  responseHeaders: Record<string, string>;
  body: string;
  truncated: boolean;
  diagnosis: Diagnosis;
  redirect?: RedirectInfo;
  /** An OAuth2 access token was obtained for this test (from the cache or a fresh exchange). */
  tokenExchanged: boolean;
  authScheme: AuthScheme;
  productId: ProductId;
}

export interface FunctionTestResult {
  url: string;
  statusWithoutCredentials?: number;
  statusWithCredentials?: number;
  diagnosis: Diagnosis;
}

export interface SignedRequestView {
  authorization: string;
  xTimestamp: string;
  contentMd5: string;
  stringToSign: string;
}

export interface CallbackVerdict {
  valid: boolean;
  reason: string;
  /** The reason's id and facts, for doors that say it in another language. */
  reasonText: TextRef;
  /** The signature is genuine but its timestamp is outside the window: a possible replay. */
  replayed?: boolean;
  stringToSign?: string;
}

export interface SnippetView {
  text: string;
  /** True only when the user asked for literal secrets in this snippet. */
  containsSecrets: boolean;
  /** English words for doors that print them, with the id and facts for doors that translate. */
  warnings: Array<TextRef & { message: string }>;
}

export interface ExportResult {
  path: string;
  added: string[];
  replaced: string[];
  warnings: Array<{ code: string; message: string }>;
}

export interface ImportPreview {
  format: 'dotenv' | 'sinch-cli-json' | 'labelled-text';
  profile: { name?: string; projectId?: string };
  /** Where "Save" puts the credentials: an existing profile (same project ID, or the one asked for) or a new one. */
  target: ImportTarget;
  /**
   * Credentials found, with public fields only; `secretFound` says whether the secret was in the text, and
   * `alreadySaved` that the target profile holds this key already (apply skips it).
   */
  credentials: Array<{ kind: CredentialKind; publicId: string; secretFound: boolean; alreadySaved?: true; region?: string }>;
  ignoredVariables: string[];
}

/** An existing profile (with its id) or the name a new one gets. */
export interface ImportTarget {
  profileId?: string;
  name: string;
}

/** A new credential's first test: the diagnosis, or why the test could not run (the credential is saved either way). */
export type ImportTest = { credentialId: string; productId: ProductId } & (
  | { diagnosis: Diagnosis; status?: number }
  | { error: AppErrorData }
);

export interface ImportApplied {
  profile: Profile;
  added: CredentialMeta[];
  /** Present when the import was asked to test what it saved. */
  tests?: ImportTest[];
}

/** A guided rotation: what the old and the new key each passed, and whether the new one replaced the old. */
export interface RotationResult {
  rotated: boolean;
  /** Products the old key passed, which the new one had to pass too. */
  required: ProductId[];
  before: FleetCell[];
  after: FleetCell[];
  /** Why the old key stayed, when it did. */
  reason?: string;
  /** The credential as it is now: rotated (age restarted), or unchanged. */
  credential: CredentialMeta;
}

export interface SecretReveal {
  secret: string;
}

export type { CredentialMeta, Diagnosis, Profile, TokenState };

/** What `doctor` found: the file and the keychain compared (account = "<profileId>/<credentialId>"). */
export interface DoctorReport {
  settingsPath: string;
  keychainBackend: KeychainBackend;
  /** Set while the settings file is damaged. */
  damage?: { reason: string; backupPath: string; message: string };
  /** Kept-aside copies of damaged files, with how many profiles each still holds. */
  backups: { path: string; modifiedAt: string; profiles: number }[];
  /** Keychain entries no profile names; `inBackup` when restoring a kept-aside copy would attach them again. */
  orphans: { account: string; inBackup: boolean }[];
  /** Credentials whose secret is not in the keychain. */
  missingSecrets: { profileId: string; profileName: string; credentialId: string; kind: string; publicId: string }[];
}

export type DoctorRepairResult =
  | { action: 'restore'; restored: number }
  | { action: 'startFresh' }
  | { action: 'deleteOrphans'; deleted: string[] };
