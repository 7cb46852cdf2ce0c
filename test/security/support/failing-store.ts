// A secret store that fails on demand, in the two ways a keychain fails: with one of our own keychain errors (locked,
// as the real adapter reports it), or with a raw error from a careless backend that repeats what it was given — the
// secret included — so the test shows such text never reaches a reply.
import { keychainError, MemorySecretStore } from '../../../core/keychain';
import type { SecretStore } from '../../../core/ports';

export class FailingSecretStore implements SecretStore {
  /** It stands in for the Secret Service, whose errors it reports. */
  readonly backend = 'secretService' as const;
  failing = false;
  /** The raw errors it threw: a backend's words, not ours (the real adapter never lets such text through). */
  readonly thrown = new WeakSet<object>();
  readonly #inner = new MemorySecretStore();
  readonly #mode: 'echoing' | 'locked';

  constructor(mode: 'echoing' | 'locked') {
    this.#mode = mode;
  }

  async get(account: string): Promise<string | null> {
    if (this.failing) this.#fail(`${account} holds ${await this.#inner.get(account)}`);
    return this.#inner.get(account);
  }

  async set(account: string, secret: string): Promise<void> {
    if (this.failing) this.#fail(`cannot store ${secret} as ${account}`);
    return this.#inner.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    if (this.failing) this.#fail(`cannot delete ${account}, which holds ${await this.#inner.get(account)}`);
    return this.#inner.delete(account);
  }

  async accounts(): Promise<string[]> {
    if (this.failing) this.#fail('cannot list the entries');
    return this.#inner.accounts();
  }

  #fail(detail: string): never {
    if (this.#mode === 'locked') throw keychainError(new Error('Cannot unlock: the prompt was dismissed'), this.backend);
    const err = Object.assign(new Error(`org.freedesktop.Secret.Error: ${detail}`), { detail });
    this.thrown.add(err);
    throw err;
  }
}
