// "Check all": the safe test of every credential of every profile against every product it can serve, run
// concurrently with a bound, sharing one token exchange per access key (the token service's single flight and cache).
// Results live only in the returned report: nothing is written, and each secret is read from the keychain once.
import { type ProductId, productsForKind } from '../shared/catalog';
import { AppError } from '../shared/errors';
import type { FleetCell, FleetReport, FleetRow } from '../shared/fleet';
import { verdictOf } from '../shared/fleet';
import { keyAgeOf, maxKeyAgeFor } from '../shared/key-age';
import { type CredentialMeta, type Profile, publicIdOf, type Settings } from '../shared/profile';
import { type Clock, type FetchLike, systemClock } from './ports';
import { runTestRequest, tokenUrlOf } from './test-request';
import { credentialRef, type TokenService } from './token-service';

/** Enough in flight that a fleet's wall time stays near its slowest test, few enough not to flood Sinch or the keychain. */
export const CHECK_CONCURRENCY = 32;

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

/** Runs `tasks` with at most `limit` in flight, keeping their order in the result. */
export async function boundedAll<T>(tasks: ReadonlyArray<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** One keychain read per credential for the whole check, however many products it is tested against. */
const onceEach = (read: (profileId: string, credentialId: string) => Promise<string>) => {
  const reads = new Map<string, Promise<string>>();
  return (profileId: string, credentialId: string) => {
    const id = `${profileId}/${credentialId}`;
    let pending = reads.get(id);
    if (!pending) {
      pending = read(profileId, credentialId);
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
}

/** The product's safe test for one credential, as a matrix cell; a test that cannot be made is a cell too. */
export async function testCell({ profile, credential, productId, readSecret, tokens, fetch, clock = systemClock }: CellInput) {
  const at = clock.now();
  try {
    const r = await runTestRequest({ profile, credential, productId }, { readSecret, tokens, fetch, clock });
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
