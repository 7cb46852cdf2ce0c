// "Check all": the safe test of every credential of every profile against every product it can serve, run
// concurrently with a bound, sharing one token exchange per access key (the token service's single flight and cache).
// Results live only in the returned report: nothing is written, and each secret is read from the keychain once.
import { type ProductId, productsForKind } from '../shared/catalog';
import { AppError } from '../shared/errors';
import type { FleetCell, FleetReport, FleetRow } from '../shared/fleet';
import { verdictOf } from '../shared/fleet';
import { keyAgeOf, maxKeyAgeFor } from '../shared/key-age';
import { type CredentialMeta, type Profile, publicIdOf, type Settings } from '../shared/profile';
import { type redactorFor, redactorsForBatch } from '../shared/redact';
import { type Clock, type FetchLike, systemClock } from './ports';
import { runTestRequest, tokenUrlOf } from './test-request';
import { credentialRef, type TokenService } from './token-service';

/**
 * Tests in flight at once. A check takes about as long as its slowest test only when nearly all of its tests run
 * together (50 keys × 9 products with 32 in flight took 4–5× the slowest), so the bound is set by local resources
 * instead: one socket per test in flight stays well inside a process's usual 1,024 descriptors. Sinch sees at most
 * one test per product per key at a time, and one token exchange per key.
 */
export const CHECK_CONCURRENCY = 256;
/**
 * Keychain reads in flight at once: the keyring's calls run on libuv's four worker threads, and a read queued behind
 * the others would spend its timeout waiting for a thread.
 */
export const KEYCHAIN_READS_IN_FLIGHT = 4;

export interface FleetCheckDeps {
  settings: Settings;
  readSecret: (profileId: string, credentialId: string) => Promise<string>;
  tokens: TokenService;
  fetch?: FetchLike;
  clock?: Clock;
  concurrency?: number;
}

// Failures that mean "this test could not be made here", not "the credential is wrong".
const NOT_TRIED = new Set(['VALIDATION', 'HOST_NOT_ALLOWED', 'WRONG_CREDENTIAL_KIND']);

/** Runs the functions it is given with at most `limit` of them in flight, the others waiting their turn in order. */
function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    // A finishing task hands its place straight to the next in line, so no newcomer can slip in between.
    if (running < limit) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/** Runs `tasks` with at most `limit` in flight, keeping their order in the result. */
export function boundedAll<T>(tasks: ReadonlyArray<() => Promise<T>>, limit: number): Promise<T[]> {
  const inTurn = limiter(limit);
  return Promise.all(tasks.map((task) => inTurn(task)));
}

/** One keychain read per credential for the whole check, however many products it is tested against. */
const onceEach = (read: (profileId: string, credentialId: string) => Promise<string>) => {
  const reads = new Map<string, Promise<string>>();
  const inTurn = limiter(KEYCHAIN_READS_IN_FLIGHT);
  return (profileId: string, credentialId: string) => {
    const id = `${profileId}/${credentialId}`;
    let pending = reads.get(id);
    if (!pending) {
      pending = inTurn(() => read(profileId, credentialId));
      reads.set(id, pending);
    }
    return pending;
  };
};

export interface CellInput {
  profile: Profile;
  credential: CredentialMeta;
  productId: ProductId;
  readSecret: () => Promise<string>;
  tokens: TokenService;
  fetch?: FetchLike;
  clock?: Clock;
  redactors?: typeof redactorFor;
}

/** The product's safe test for one credential, as a matrix cell; a test that cannot be made is a cell too. */
export async function testCell({ profile, credential, productId, clock = systemClock, ...deps }: CellInput) {
  const at = clock.now();
  try {
    const r = await runTestRequest({ profile, credential, productId }, { ...deps, clock });
    const cell: FleetCell = {
      productId,
      verdict: verdictOf(r.diagnosis.code),
      code: r.diagnosis.code,
      title: r.diagnosis.title,
      latencyMs: clock.now() - at,
    };
    return r.status === undefined ? cell : { ...cell, status: r.status };
  } catch (err) {
    const e = err instanceof AppError ? err : new AppError('INTERNAL', 'The test could not be run.');
    const verdict = NOT_TRIED.has(e.code) ? 'notTried' : 'failed';
    return { productId, verdict, code: e.code, title: e.message, latencyMs: clock.now() - at } satisfies FleetCell;
  }
}

export async function checkFleet(deps: FleetCheckDeps): Promise<FleetReport> {
  const clock = deps.clock ?? systemClock;
  const started = clock.now();
  const readSecret = onceEach(deps.readSecret);
  // A key's nine tests redact the same secret and token: their forms are worked out once for the check.
  const redactors = redactorsForBatch();
  const pairs = deps.settings.profiles.flatMap((profile) => profile.credentials.map((credential) => ({ profile, credential })));
  const issuedBefore = new Map(pairs.map(({ profile, credential }) => [credential.id, tokenIssuedAt(deps, profile, credential)]));

  const plan = pairs.map(({ profile, credential }) => ({
    profile,
    credential,
    tasks: productsForKind(credential.kind).map(
      (product) => () =>
        testCell({
          profile,
          credential,
          productId: product.id,
          readSecret: () => readSecret(profile.id, credential.id),
          tokens: deps.tokens,
          fetch: deps.fetch,
          clock,
          redactors,
        }),
    ),
  }));
  const cells = await boundedAll(
    plan.flatMap((p) => p.tasks),
    deps.concurrency ?? CHECK_CONCURRENCY,
  );

  let offset = 0;
  let tokenExchanges = 0;
  const now = clock.now();
  const rows = plan.map(({ profile, credential, tasks }): FleetRow => {
    const mine = cells.slice(offset, offset + tasks.length);
    offset += tasks.length;
    const issuedAt = tokenIssuedAt(deps, profile, credential);
    if (issuedAt !== undefined && issuedAt !== issuedBefore.get(credential.id)) tokenExchanges++;
    const expiresAt = tokenState(deps, profile, credential)?.expiresAt;
    return {
      profileId: profile.id,
      profileName: profile.name,
      environment: profile.environment,
      credentialId: credential.id,
      kind: credential.kind,
      publicId: publicIdOf(credential),
      label: credential.label,
      age: keyAgeOf(credential, maxKeyAgeFor(profile, deps.settings), now),
      ...(expiresAt !== undefined ? { tokenExpiresAt: expiresAt } : {}),
      cells: mine,
    };
  });
  return {
    rows,
    checkedAt: new Date(now).toISOString(),
    wallMs: now - started,
    slowestMs: Math.max(0, ...cells.map((c) => c.latencyMs)),
    tokenExchanges,
  };
}

const tokenState = (deps: FleetCheckDeps, profile: Profile, credential: CredentialMeta) =>
  credential.kind === 'accessKey'
    ? deps.tokens.state({
        tokenUrl: tokenUrlOf(profile),
        keyId: credential.keyId,
        credentialRef: credentialRef(profile.id, credential),
      })
    : undefined;

const tokenIssuedAt = (deps: FleetCheckDeps, profile: Profile, credential: CredentialMeta) =>
  tokenState(deps, profile, credential)?.issuedAt;
