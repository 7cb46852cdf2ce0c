// A real engine over a temp settings folder, with counters around the two things a refused or read-only request
// must never reach: the handlers and the secret store. The counters record and delegate; they change nothing.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeEngine } from '../../../core/composition';
import type { Clock, FetchLike, SecretStore } from '../../../core/ports';
import { SettingsStore } from '../../../core/settings-store';
import type { Handlers, Operation } from '../../../shared/contract';
import { OPERATION_NAMES } from '../../../shared/operations';

export class CountingSecretStore implements SecretStore {
  readonly backend: SecretStore['backend'];
  readonly calls = { get: 0, set: 0, delete: 0 };
  readonly #inner: SecretStore;

  constructor(inner: SecretStore) {
    this.#inner = inner;
    this.backend = inner.backend;
  }

  get total(): number {
    return this.calls.get + this.calls.set + this.calls.delete;
  }

  get(account: string): Promise<string | null> {
    this.calls.get++;
    return this.#inner.get(account);
  }

  set(account: string, secret: string): Promise<void> {
    this.calls.set++;
    return this.#inner.set(account, secret);
  }

  delete(account: string): Promise<boolean> {
    this.calls.delete++;
    return this.#inner.delete(account);
  }

  accounts(): Promise<string[]> {
    return this.#inner.accounts();
  }
}

/** The same handlers, each counting its calls before it runs. */
export function countingHandlers(handlers: Handlers): { handlers: Handlers; calls: Map<Operation, number> } {
  const calls = new Map<Operation, number>();
  const counted = Object.fromEntries(
    OPERATION_NAMES.map((op) => [
      op,
      (args: unknown) => {
        calls.set(op, (calls.get(op) ?? 0) + 1);
        return (handlers[op] as (a: unknown) => Promise<unknown>)(args);
      },
    ]),
  ) as unknown as Handlers;
  return { handlers: counted, calls };
}

export interface EngineOptions {
  secrets: SecretStore;
  dir?: string;
  fetch?: FetchLike;
  clock?: Clock;
}

/** An engine over `<dir>/config.json` (a new temp folder unless given). */
export function engineIn({ secrets, dir = mkdtempSync(join(tmpdir(), 'sinch-keys-security-')), fetch, clock }: EngineOptions) {
  const settings = SettingsStore.at(dir);
  const engine = composeEngine({ settings, secrets, version: 'security-test', ...(fetch && { fetch }), ...(clock && { clock }) });
  return { dir, engine, settingsFile: join(dir, 'config.json') };
}

/** A folder with the one file browser mode needs to start. */
export function rendererDir(parent: string): string {
  const dir = join(parent, 'renderer');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Sinch Keys</title>');
  return dir;
}

type Fingerprint = Map<string, PropertyDescriptor>;
const BUILT_INS = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype };

/** Every own property (names and symbols) of the built-in prototypes a pollution would touch, with its descriptor. */
export function prototypeFingerprint(): Fingerprint {
  const out: Fingerprint = new Map();
  for (const [name, proto] of Object.entries(BUILT_INS))
    for (const key of Reflect.ownKeys(proto))
      out.set(`${name}.prototype.${String(key)}`, Object.getOwnPropertyDescriptor(proto, key) as PropertyDescriptor);
  return out;
}

/** Properties added, removed or changed since `before`; [] when untouched. */
export function prototypeChanges(before: Fingerprint): string[] {
  const after = prototypeFingerprint();
  const changed: string[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(key);
    const b = after.get(key);
    const same =
      a !== undefined &&
      b !== undefined &&
      Object.is(a.value, b.value) &&
      Object.is(a.get, b.get) &&
      Object.is(a.set, b.set) &&
      a.writable === b.writable &&
      a.enumerable === b.enumerable &&
      a.configurable === b.configurable;
    if (!same) changed.push(key);
  }
  return changed;
}
