// Owns the OAuth2 client-credentials token cache: one exchange at a time per access key, tokens kept in this
// process's memory only (docs/security-checklist.md#token-client-rules rules 1-8), and bearerRequest for the reactive refresh (docs/protocol.md#token-caching-and-refresh).
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { Events } from '../shared/contract';
import { engineError } from '../shared/engine-text';
import { AppError, type AppErrorData, toErrorData } from '../shared/errors';
import {
  badTokenResponse,
  computeTokenState,
  type IssuedToken,
  isReusable,
  readTokenResponse,
  type TokenState,
} from '../shared/token-state';
import { networkError } from './http-client';
import {
  type Clock,
  type CredentialRef,
  type FetchLike,
  type Random,
  systemClock,
  type TokenKey,
  type TokenProvider,
} from './ports';

export interface TokenServiceOptions {
  fetch?: FetchLike;
  clock?: Clock;
  random?: Random;
  timeoutMs?: number;
  maxRetries?: number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  retryAfterCapMs?: number;
}

export type TokenKeyRef = Pick<TokenKey, 'tokenUrl' | 'keyId' | 'credentialRef'>;
export type TokenChange = Events['token.changed'];
export type TokenListener = (change: TokenChange) => void;
/** The credential a token change is for: a profile and one of its credentials. */
export type TokenOwner = Pick<CredentialRef, 'profileId' | 'credentialId'>;

/** A failed attempt worth repeating, with the error to give if retries run out. */
interface Retry {
  retry: AppError;
  retryAfterMs?: number;
}
interface Exchange {
  promise: Promise<IssuedToken>;
  controller: AbortController;
  waiters: number;
}
interface Entry {
  id: string;
  key: Pick<TokenKey, 'tokenUrl' | 'keyId'>;
  token?: IssuedToken;
  exchange?: Exchange;
  lastError?: AppErrorData;
}

const MAX_BODY_BYTES = 1024 * 1024;
const DASHBOARD_HINT =
  'Check both values in the Sinch dashboard under Settings → Access Keys. The secret is shown only once, when the key is created; if you no longer have it, create a new access key.';

/** What a credential's secret was when this process last read it: only its hash is kept, the secret itself never. */
interface Fingerprint {
  hash: string;
  /** Present only for the callers of the read that produced it, so their exchange needs no second keychain read. */
  secret?: string;
}

// Keyed by URL, key ID and a hash of the secret: two profiles with one key ID and different secrets (a typo, a
// rotation) must never share a token, or a wrong secret would test as working (docs/security-checklist.md#token-client-rules rule 1).
const cacheId = (tokenUrl: string, keyId: string, secretHash: string): string => JSON.stringify([tokenUrl, keyId, secretHash]);
const hashOf = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('base64url');

/** Names one credential's secret as stored now: a rotation (in any process) changes updatedAt, so the name changes. */
export const credentialRef = (profileId: string, credential: { id: string; updatedAt: string }): CredentialRef => ({
  profileId,
  credentialId: credential.id,
  updatedAt: credential.updatedAt,
});
const refId = (ref: CredentialRef): string => JSON.stringify([ref.profileId, ref.credentialId, ref.updatedAt]);
const ownerId = (owner: TokenOwner): string => JSON.stringify([owner.profileId, owner.credentialId]);

export class TokenService implements TokenProvider {
  readonly #entries = new Map<string, Entry>();
  /** credentialRef → a keychain read under way, shared so that concurrent callers read the secret once. */
  readonly #reads = new Map<string, Promise<Fingerprint>>();
  /** credentialRef → whose it is and the hash of its secret as last read (never the secret). */
  readonly #settledHash = new Map<string, { owner: string; hash: string }>();
  /**
   * owner → the cache entry its credential uses now. Events go to the credentials using the entry that changed, so
   * two profiles with one key ID and different secrets never see each other's token state, while two with the same
   * secret share one token and both see it.
   */
  readonly #users = new Map<string, { owner: TokenOwner; entryId: string }>();
  readonly #listeners = new Set<TokenListener>();
  readonly #o: Required<TokenServiceOptions>;

  constructor(options: TokenServiceOptions = {}) {
    // docs/security-checklist.md#token-client-rules rules 6 and 8: 10 s per call; 3 retries, full jitter from 0.5 s to 8 s, Retry-After up to 60 s.
    this.#o = {
      fetch: (input, init) => globalThis.fetch(input, init),
      clock: systemClock,
      random: Math.random,
      timeoutMs: 10_000,
      maxRetries: 3,
      backoffBaseMs: 500,
      backoffCapMs: 8_000,
      retryAfterCapMs: 60_000,
      ...options,
    };
  }

  async getToken(key: TokenKey, signal?: AbortSignal): Promise<string> {
    let fingerprint = await this.#fingerprint(key);
    let entry = this.#entry(key, fingerprint.hash);
    if (entry.token && isReusable(entry.token, this.#o.clock.now())) return entry.token.token;
    if (fingerprint.secret === undefined && !entry.exchange) {
      // About to send the secret: read it now, so a secret changed behind our back gets its own cache entry.
      fingerprint = await this.#fingerprint(key, true);
      entry = this.#entry(key, fingerprint.hash);
      if (entry.token && isReusable(entry.token, this.#o.clock.now())) return entry.token.token;
    }
    return (await this.#join(key, entry, fingerprint, signal)).token;
  }

  /** Exchanges anew even when the cached token is fresh; resolves to the state, so the token never leaves main. */
  async refresh(key: TokenKey, signal?: AbortSignal): Promise<TokenState> {
    const fingerprint = await this.#fingerprint(key, true);
    await this.#join(key, this.#entry(key, fingerprint.hash), fingerprint, signal);
    return this.state(key);
  }

  invalidate(key: TokenKeyRef, failedToken: string): void {
    const entry = this.#known(key);
    if (entry?.token?.token !== failedToken) return;
    delete entry.token;
    this.#notify(entry);
  }

  /**
   * Drops what this process knows of one credential's token: its remembered secret hash, and the cached token unless
   * another credential with the same key and secret still uses it. An exchange under way is not cached.
   */
  forget(owner: TokenOwner): void {
    const id = ownerId(owner);
    // The remembered hashes go too: the next use reads the secret again, whatever changed it.
    for (const [ref, known] of this.#settledHash) if (known.owner === id) this.#settledHash.delete(ref);
    if (!this.#users.has(id)) return;
    this.#leave(id);
    this.#emit(owner, { status: 'none' });
  }

  /** The state of the token this credential's secret would use; 'none' until this process has read that secret. */
  state(key: TokenKeyRef): TokenState {
    return this.#stateOf(this.#known(key));
  }

  #stateOf(entry: Entry | undefined): TokenState {
    return computeTokenState(
      { token: entry?.token, refreshing: entry?.exchange !== undefined, lastError: entry?.lastError },
      this.#o.clock.now(),
    );
  }

  subscribe(listener: TokenListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The cache entry of a credential whose secret hash is already known, without touching the keychain. */
  #known(key: TokenKeyRef): Entry | undefined {
    const known = this.#settledHash.get(refId(key.credentialRef));
    return known === undefined ? undefined : this.#entries.get(cacheId(key.tokenUrl, key.keyId, known.hash));
  }

  /** The hash of the credential's secret: remembered, or read once for all concurrent callers (`fresh` re-reads). */
  #fingerprint(key: TokenKey, fresh = false): Promise<Fingerprint> {
    const ref = refId(key.credentialRef);
    const pending = this.#reads.get(ref);
    if (pending) return pending;
    const known = fresh ? undefined : this.#settledHash.get(ref);
    if (known !== undefined) return Promise.resolve({ hash: known.hash });
    const read = key.readSecret().then((secret) => ({ hash: hashOf(secret), secret }));
    this.#reads.set(ref, read);
    const done = () => {
      if (this.#reads.get(ref) === read) this.#reads.delete(ref);
    };
    read.then(({ hash }) => {
      this.#settledHash.set(ref, { owner: ownerId(key.credentialRef), hash });
      done();
    }, done);
    return read;
  }

  #entry(key: TokenKeyRef, secretHash: string): Entry {
    const id = cacheId(key.tokenUrl, key.keyId, secretHash);
    let entry = this.#entries.get(id);
    if (!entry) {
      entry = { key: { tokenUrl: key.tokenUrl, keyId: key.keyId }, id };
      this.#entries.set(id, entry);
    }
    this.#use(key.credentialRef, entry);
    return entry;
  }

  /** Records that this credential now uses `entry`; the entry it used before is dropped once no credential uses it. */
  #use({ profileId, credentialId }: TokenOwner, entry: Entry): void {
    const id = ownerId({ profileId, credentialId });
    const before = this.#users.get(id);
    if (before?.entryId === entry.id) return;
    if (before) this.#leave(id);
    this.#users.set(id, { owner: { profileId, credentialId }, entryId: entry.id });
  }

  #leave(id: string): void {
    const left = this.#users.get(id);
    this.#users.delete(id);
    if (!left || [...this.#users.values()].some((u) => u.entryId === left.entryId)) return;
    // A token no credential uses any more is not kept: nothing could show its state, and its secret has changed.
    this.#entries.delete(left.entryId);
  }

  // Single-flight (docs/security-checklist.md#token-client-rules rule 4): callers share one exchange; it is cancelled only when all have left,
  // and a caller who comes after that starts a new one rather than inheriting the cancellation.
  #join(key: TokenKey, entry: Entry, fingerprint: Fingerprint, signal?: AbortSignal): Promise<IssuedToken> {
    const live = entry.exchange?.controller.signal.aborted ? undefined : entry.exchange;
    const exchange = live ?? this.#start(key, entry, fingerprint);
    exchange.waiters++;
    if (!signal) return exchange.promise;
    return new Promise((resolve, reject) => {
      const leave = () => {
        exchange.waiters--;
        if (exchange.waiters === 0) exchange.controller.abort(signal.reason);
        reject(abortError(signal.reason));
      };
      if (signal.aborted) return leave();
      signal.addEventListener('abort', leave, { once: true });
      exchange.promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', leave));
    });
  }

  #start(key: TokenKey, entry: Entry, fingerprint: Fingerprint): Exchange {
    const controller = new AbortController();
    const secret = fingerprint.secret;
    const readSecret = secret === undefined ? key.readSecret : async () => secret;
    const exchange: Exchange = {
      promise: this.#settle({ ...key, readSecret }, entry, controller.signal),
      controller,
      waiters: 0,
    };
    // Each waiter gets the error through its own handler; this only stops an exchange everyone left from crashing.
    exchange.promise.catch(() => undefined);
    entry.exchange = exchange;
    this.#notify(entry);
    return exchange;
  }

  // The in-flight entry goes on success and on failure, so a failure is never cached (docs/security-checklist.md#token-client-rules rule 4).
  async #settle(key: TokenKey, entry: Entry, signal: AbortSignal): Promise<IssuedToken> {
    const current = () => this.#entries.get(entry.id) === entry;
    try {
      const token = await this.#exchange(key, signal);
      if (current()) {
        entry.token = token;
        delete entry.lastError;
      }
      return token;
    } catch (err) {
      if (current()) entry.lastError = toErrorData(err);
      throw err;
    } finally {
      if (entry.exchange?.controller.signal === signal) delete entry.exchange;
      if (current()) this.#notify(entry);
    }
  }

  async #exchange(key: TokenKey, signal: AbortSignal): Promise<IssuedToken> {
    if (!URL.canParse(key.tokenUrl)) throw engineError('VALIDATION', 'tokenUrlInvalid');
    const secret = await key.readSecret();
    // docs/protocol.md#token-request: plain UTF-8 "id:secret", as the Node SDK and `curl -u` send it.
    const authorization = `Basic ${Buffer.from(`${key.keyId}:${secret}`, 'utf8').toString('base64')}`;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.#attempt(key.tokenUrl, authorization, signal);
      if (!('retry' in outcome)) return outcome;
      const { maxRetries, random, backoffBaseMs, backoffCapMs, clock } = this.#o;
      if (attempt >= maxRetries) throw outcome.retry;
      // Full jitter: uniform in [0, min(cap, base·2^attempt)).
      const backoff = Math.floor(random() * Math.min(backoffCapMs, backoffBaseMs * 2 ** attempt));
      await clock.sleep(outcome.retryAfterMs ?? backoff, signal).catch(() => {
        throw abortError(signal.reason);
      });
    }
  }

  async #attempt(tokenUrl: string, authorization: string, signal: AbortSignal): Promise<IssuedToken | Retry> {
    const timeout = AbortSignal.timeout(this.#o.timeoutMs);
    let response: Response;
    let body: string;
    try {
      response = await this.#o.fetch(tokenUrl, {
        method: 'POST',
        headers: {
          Authorization: authorization,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body: 'grant_type=client_credentials',
        redirect: 'manual', // docs/security-checklist.md#token-client-rules rule 10: the secret must never follow a redirect elsewhere
        signal: AbortSignal.any([signal, timeout]),
      });
      body = await readCapped(response);
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (signal.aborted) throw abortError(signal.reason);
      if (timeout.aborted) throw timeoutError(tokenUrl, this.#o.timeoutMs);
      return networkFailure(err, tokenUrl);
    }
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'), this.#o.clock.now());
    return interpretResponse(
      response,
      body,
      this.#o.clock.now(),
      retryAfter === undefined ? undefined : Math.min(retryAfter, this.#o.retryAfterCapMs),
    );
  }

  /** Tells every credential using this entry now; none other, whatever its key ID. */
  #notify(entry: Entry): void {
    const state = this.#stateOf(entry);
    for (const user of this.#users.values()) if (user.entryId === entry.id) this.#emit(user.owner, state);
  }

  #emit(owner: TokenOwner, state: TokenState): void {
    for (const listener of this.#listeners) {
      try {
        listener({ ...owner, state });
      } catch {
        // A broken listener (a closed window) must not fail the exchange other callers are waiting for.
      }
    }
  }
}

/** docs/protocol.md#token-caching-and-refresh/docs/protocol.md#error-shapes: every Sinch SDK refreshes only when the 401's WWW-Authenticate mentions "expired". */
export function isExpiredTokenChallenge(headers: Headers): boolean {
  return /expired/i.test(headers.get('www-authenticate') ?? '');
}

/** Sends with a token; on a 401 "expired" challenge invalidates it and retries exactly once with a new one. */
export async function bearerRequest(
  tokens: TokenProvider,
  key: TokenKey,
  send: (token: string) => Promise<Response>,
  signal?: AbortSignal,
): Promise<Response> {
  const token = await tokens.getToken(key, signal);
  const first = await send(token);
  if (first.status !== 401 || !isExpiredTokenChallenge(first.headers)) return first;
  await first.body?.cancel();
  tokens.invalidate(key, token);
  return send(await tokens.getToken(key, signal));
}

function interpretResponse(response: Response, body: string, receivedAt: number, retryAfterMs?: number): IssuedToken | Retry {
  const { status } = response;
  if (status >= 200 && status < 300) return readTokenResponse(body, receivedAt);
  const oauthError = oauthErrorCode(body);
  const label = oauthError ? `${status} ${oauthError}` : `${status}`;
  if (response.type === 'opaqueredirect' || (status >= 300 && status < 400))
    throw new AppError(
      'TOKEN_REJECTED',
      `The token endpoint answered with a redirect (${status}); Sinch Keys does not follow it, so the key secret is never sent elsewhere.`,
      'Check the token URL: Sinch uses https://auth.sinch.com/oauth2/token.',
    );
  // The exact Sinch body for a wrong secret is unconfirmed (docs/protocol.md#error-shapes), so any 401 here counts as invalid_client.
  if (status === 401 || (status === 400 && oauthError === 'invalid_client'))
    throw new AppError(
      'TOKEN_INVALID_CLIENT',
      `The key ID or key secret was rejected by Sinch (${status} invalid_client).`,
      DASHBOARD_HINT,
    );
  const retry = (code: 'TOKEN_RATE_LIMITED' | 'TOKEN_SERVER_ERROR', message: string): Retry => ({
    retry: new AppError(code, message, 'Wait a minute, then try again.'),
    retryAfterMs,
  });
  if (status === 429) return retry('TOKEN_RATE_LIMITED', `Sinch's token endpoint is rate limiting this key (${label}).`);
  if (status === 408 || status >= 500)
    return retry('TOKEN_SERVER_ERROR', `Sinch's token endpoint failed (${label}) and kept failing after retries.`);
  throw new AppError(
    'TOKEN_REJECTED',
    `Sinch refused the token request (${label}).`,
    `Check the token URL and the access key. ${DASHBOARD_HINT}`,
  );
}

/** The RFC 6749 §5.2 `error` code, only when it looks like one (server text is not echoed into messages). */
function oauthErrorCode(body: string): string | undefined {
  try {
    const error: unknown = (JSON.parse(body) as { error?: unknown } | null)?.error;
    return typeof error === 'string' && /^[a-z_]{1,64}$/i.test(error) ? error : undefined;
  } catch {
    return undefined;
  }
}

/** RFC 9110 §10.2.3: delay-seconds or an HTTP date. */
function parseRetryAfter(value: string | null, now: number): number | undefined {
  const text = value?.trim() ?? '';
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) throw badTokenResponse('was larger than 1 MiB');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const hostOf = (url: string): string => new URL(url).host;

function networkFailure(err: unknown, tokenUrl: string): Retry {
  const failure = networkError(err, tokenUrl);
  // A retry seconds later will not fix a missing host name or a rejected certificate, so these are final.
  if (failure.failure === 'dns' || failure.failure === 'tls') throw failure;
  return { retry: failure };
}

const timeoutError = (tokenUrl: string, ms: number) =>
  new AppError(
    'TIMEOUT',
    `The token endpoint at ${hostOf(tokenUrl)} did not answer within ${ms / 1000} s.`,
    'Check your connection or proxy, then try again.',
  );

function abortError(reason: unknown): AppError {
  if (reason instanceof AppError) return reason;
  return reason instanceof DOMException && reason.name === 'TimeoutError'
    ? new AppError('TIMEOUT', 'The token request took too long and was stopped.')
    : new AppError('CANCELLED', 'The token request was cancelled.');
}
