// The OS keychain, through @napi-rs/keyring (keytar's maintained successor: N-API prebuilt binaries, no rebuild for
// Electron). Every call has a timeout, so a hung unlock prompt becomes a clear error instead of a frozen window, and
// on Linux the store is pinned to the Secret Service: no silent fallback to the in-memory kernel keyring (docs/security-checklist.md#keychain-choice).
import type { AsyncEntry } from '@napi-rs/keyring';
import { engineError, type KeychainBackend } from '../shared/engine-text';
import { AppError } from '../shared/errors';
import type { SecretStore } from './ports';

export const KEYCHAIN_SERVICE = 'sinch-keys';

// Loaded on first use, not at start: loading the native binding was a sixth of `sinch-keys list`'s cold start, and
// listing profiles never touches the keychain (docs/benchmarks.md).
let keyring: Promise<typeof import('@napi-rs/keyring')> | undefined;
const loadKeyring = () => {
  keyring ??= import('@napi-rs/keyring');
  return keyring;
};

export interface KeychainOptions {
  /** Keychain service name; tests use their own so they never touch the user's entries. */
  service?: string;
  /** Milliseconds before a keychain call is abandoned (an unanswered unlock prompt, a hung D-Bus). */
  timeoutMs?: number;
  platform?: NodeJS.Platform;
}

export const backendOf = (platform: NodeJS.Platform): KeychainBackend =>
  platform === 'darwin' ? 'macosKeychain' : platform === 'win32' ? 'windowsCredentialManager' : 'secretService';

/** keyring-rs reports failures as text; this adapter is the one place that reads it and turns it into our codes. */
export function keychainError(err: unknown, backend: KeychainBackend): AppError {
  const text = err instanceof Error ? err.message : String(err);
  // D-Bus gives up on a frozen or hung Secret Service after its own reply timeout.
  if (/did not receive a reply|timeout expired|timed out/i.test(text)) return keychainTimeout(backend);
  if (/\blocked\b|unlock prompt|dismissed/i.test(text)) return engineError('KEYCHAIN_LOCKED', 'keychainLocked', { backend });
  if (/no result found/i.test(text)) return engineError('KEYCHAIN_UNAVAILABLE', 'keychainNoDefault', { backend });
  return engineError('KEYCHAIN_UNAVAILABLE', 'keychainUnavailable', { backend });
}

export const keychainTimeout = (backend: KeychainBackend, afterMs?: number): AppError =>
  afterMs === undefined
    ? engineError('KEYCHAIN_TIMEOUT', 'keychainTimeout', { backend })
    : engineError('KEYCHAIN_TIMEOUT', 'keychainTimeoutAfter', { backend, afterMs });

export class KeychainStore implements SecretStore {
  readonly backend: KeychainBackend;
  readonly #service: string;
  readonly #timeoutMs: number;

  constructor(options: KeychainOptions = {}) {
    this.#service = options.service ?? KEYCHAIN_SERVICE;
    this.#timeoutMs = options.timeoutMs ?? 20_000;
    this.backend = backendOf(options.platform ?? process.platform);
  }

  get(account: string): Promise<string | null> {
    return this.#call(account, (entry, signal) => entry.getPassword(signal));
  }

  set(account: string, secret: string): Promise<void> {
    return this.#call(account, (entry, signal) => entry.setPassword(secret, signal));
  }

  delete(account: string): Promise<boolean> {
    return this.#call(account, (entry, signal) => entry.deleteCredential(signal));
  }

  accounts(): Promise<string[]> {
    return this.#withTimeout(async (signal) => {
      const { findCredentialsAsync } = await loadKeyring();
      const found = await findCredentialsAsync(this.#service, null, signal);
      return found.map((c) => c.account);
    });
  }

  #call<T>(account: string, op: (entry: AsyncEntry, signal: AbortSignal) => Promise<T>): Promise<T> {
    return this.#withTimeout(async (signal) => {
      const { AsyncEntry } = await loadKeyring();
      // The constructor itself talks to D-Bus on Linux and throws when no Secret Service is reachable.
      const entry = new AsyncEntry(this.#service, account, { linux: { store: 'secret-service' } });
      return op(entry, signal);
    });
  }

  async #withTimeout<T>(op: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(keychainTimeout(this.backend, this.#timeoutMs));
      }, this.#timeoutMs);
    });
    // The timer may fire while the binding is still loading, before the race below listens: an unhandled rejection
    // would end the process. The race still reports the timeout.
    timeout.catch(() => undefined);
    try {
      return await Promise.race([op(controller.signal), timeout]);
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw keychainError(err, this.backend);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Secrets held in memory only: for credentials that come from environment variables, which are never persisted. */
export class MemorySecretStore implements SecretStore {
  readonly backend: KeychainBackend = 'memory';
  readonly #entries = new Map<string, string>();

  async get(account: string): Promise<string | null> {
    return this.#entries.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.#entries.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    return this.#entries.delete(account);
  }

  async accounts(): Promise<string[]> {
    return [...this.#entries.keys()];
  }
}
