// Unexpected errors (anything thrown that is not an AppError) reach the user only as INTERNAL, "Something went
// wrong": their text may hold a secret. This log keeps what a developer needs to fix the bug — the stack, the
// causes — with every secret this process has handled cut out first, and writes it where the door says (stderr).
import type { Handlers } from '../shared/contract';
import { AppError } from '../shared/errors';
import { OPERATION_NAMES } from '../shared/operations';
import { REDACTED, redactSecrets } from '../shared/redact';
import type { SecretStore } from './ports';

/** Request fields that carry a secret (credentials.add/update, callbacks.verify). */
const SECRET_FIELDS = new Set(['secret', 'signingKey']);

/** Credentials that may sit in an error's text even though no secret store handed them out (tokens, headers). */
const CREDENTIAL_PATTERNS = [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g];

/** How deep error causes are followed; a cause chain is never this long unless it loops. */
const MAX_CAUSES = 5;

export class UnexpectedErrorLog {
  /** Where reports go; undefined keeps them (the CLI without --verbose). */
  sink: ((text: string) => void) | undefined;
  readonly #known = new Set<string>();

  constructor(sink?: (text: string) => void) {
    this.sink = sink;
  }

  /** A secret this process holds by other means (the CLI's SINCH_* variables), to be cut out of reports too. */
  remember(secret: string): void {
    if (secret) this.#known.add(secret);
  }

  /** A store that tells this log every secret read from or written to it, so a report can cut them out. */
  remembering(store: SecretStore): SecretStore {
    const known = this.#known;
    return {
      backend: store.backend,
      async get(account) {
        const secret = await store.get(account);
        if (secret) known.add(secret);
        return secret;
      },
      set(account, secret) {
        known.add(secret);
        return store.set(account, secret);
      },
      delete: (account) => store.delete(account),
      accounts: () => store.accounts(),
    };
  }

  /** Wraps every handler so that what it throws unexpectedly is reported before it becomes INTERNAL. */
  reporting(handlers: Handlers): Handlers {
    const wrapped = { ...handlers };
    for (const op of OPERATION_NAMES) {
      const handler = handlers[op] as (input: unknown) => Promise<unknown>;
      (wrapped as Record<string, unknown>)[op] = async (input: unknown) => {
        try {
          return await handler(input);
        } catch (err) {
          this.report(op, err, input);
          throw err;
        }
      };
    }
    return wrapped;
  }

  /** Writes an unexpected error with its stack and causes, redacted; an AppError is expected and not logged. */
  report(where: string, err: unknown, input?: unknown): void {
    if (err instanceof AppError || !this.sink) return;
    const secrets = [...this.#known, ...secretsIn(input)];
    let text = redactSecrets(describe(err), secrets);
    for (const pattern of CREDENTIAL_PATTERNS) text = text.replace(pattern, REDACTED);
    this.sink(`sinch-keys: unexpected error in ${where} (the user was shown INTERNAL):\n${text}\n`);
  }
}

function describe(err: unknown): string {
  const parts: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && depth < MAX_CAUSES; depth++) {
    parts.push(current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join('\nCaused by: ');
}

/** The string values of secret fields anywhere in a request. */
function secretsIn(input: unknown, found: string[] = []): string[] {
  if (input === null || typeof input !== 'object') return found;
  for (const [key, value] of Object.entries(input)) {
    if (typeof value === 'string' && SECRET_FIELDS.has(key)) found.push(value);
    else secretsIn(value, found);
  }
  return found;
}
