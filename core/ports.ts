// The small interfaces services depend on, so tests pass real local servers and fakes of time, not mocks of our code.

import type { KeychainBackend } from '../shared/engine-text';

export interface Clock {
  /** Wall-clock milliseconds since the epoch. */
  now(): number;
  /** Resolves after ms, or rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** Where secrets live: the OS keychain in production. One entry per secret, addressed by account name. */
export interface SecretStore {
  /** Which keychain this is; each door names it in its own language (engine-text.ts KEYCHAIN_BACKEND_NAMES). */
  readonly backend: KeychainBackend;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** Resolves true when an entry was deleted, false when there was none. */
  delete(account: string): Promise<boolean>;
  /** Every account this app has an entry for (names only are used: `doctor` compares them with the profiles). */
  accounts(): Promise<string[]>;
}

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** Uniform random in [0, 1): injectable so backoff jitter is testable. */
export type Random = () => number;

/** Identifies one OAuth2 client: the token cache is keyed by (tokenUrl, keyId, a hash of the secret). */
/** Names one stored secret: the credential of a profile, as of its last change (a rotation changes `updatedAt`). */
export interface CredentialRef {
  profileId: string;
  credentialId: string;
  updatedAt: string;
}

export interface TokenKey {
  tokenUrl: string;
  keyId: string;
  /** Names the stored secret, so its hash is remembered without re-reading it, and whose token changes are whose. */
  credentialRef: CredentialRef;
  /** Reads the key secret from the keychain only when an exchange is needed. */
  readSecret: () => Promise<string>;
}

export interface TokenProvider {
  /** A valid access token, from the cache or a fresh exchange (concurrent callers share one exchange). */
  getToken(key: TokenKey, signal?: AbortSignal): Promise<string>;
  /** Drops the cached token if it is still `failedToken`, so the next getToken exchanges anew. */
  invalidate(key: TokenKey, failedToken: string): void;
}
