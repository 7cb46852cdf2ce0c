// Guided rotation: the new key is tested against the products the old one passes before it replaces the old one.
// The swap goes through the profile service's all-or-nothing update (same keychain entry, old secret overwritten,
// restored if the settings write fails), so a key that fails its test never touches the file or the keychain.
import { productsForKind } from '../shared/catalog';
import { engineError } from '../shared/engine-text';
import { AppError } from '../shared/errors';
import type { FleetCell } from '../shared/fleet';
import { type CredentialMeta, credentialMetaSchema, firstIssueMessage, secretSchemaFor } from '../shared/profile';
import type { RotationResult } from '../shared/views';
import { boundedAll, CHECK_CONCURRENCY, testCell } from './fleet-check';
import type { Clock, FetchLike } from './ports';
import type { ProfileService } from './profiles';
import { TokenService } from './token-service';

export interface RotateInput {
  profileId: string;
  credentialId: string;
  /** The new key ID / application key / service plan ID / domain; absent when only the secret changes. */
  publicId?: string;
  secret: string;
}

export interface RotationDeps {
  profiles: ProfileService;
  tokens: TokenService;
  fetch?: FetchLike;
  clock?: Clock;
}

const PUBLIC_FIELD = {
  accessKey: 'keyId',
  applicationKey: 'applicationKey',
  servicePlan: 'servicePlanId',
  mailgun: 'domain',
} as const satisfies Record<CredentialMeta['kind'], string>;

function parseOrThrow<T>(result: { success: true; data: T } | { success: false; error: import('zod').ZodError }): T {
  if (!result.success) throw new AppError('VALIDATION', firstIssueMessage(result.error));
  return result.data;
}

export async function rotateCredential(deps: RotationDeps, input: RotateInput): Promise<RotationResult> {
  const { profiles } = deps;
  const { profile, credential } = profiles.credential(input.profileId, input.credentialId);
  const field = PUBLIC_FIELD[credential.kind];
  const candidate = parseOrThrow(
    credentialMetaSchema.safeParse({ ...credential, ...(input.publicId ? { [field]: input.publicId } : {}) }),
  );
  const secret = parseOrThrow(secretSchemaFor(credential.kind).safeParse(input.secret));
  const oldSecret = await profiles.readSecret(profile.id, credential.id);
  if (secret === oldSecret) throw engineError('VALIDATION', 'rotationSameSecret');

  // The candidate gets a token service of its own: a token cached for the old secret must not vouch for the new one.
  const candidateTokens = new TokenService({
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.clock ? { clock: deps.clock } : {}),
  });
  const products = productsForKind(credential.kind).map((p) => p.id);
  const run = (meta: CredentialMeta, read: () => Promise<string>, tokens: TokenService) =>
    products.map(
      (productId) => () =>
        testCell({ profile, credential: meta, productId, readSecret: read, tokens, fetch: deps.fetch, clock: deps.clock }),
    );
  const cells = await boundedAll(
    [...run(credential, async () => oldSecret, deps.tokens), ...run(candidate, async () => secret, candidateTokens)],
    CHECK_CONCURRENCY,
  );
  const before = cells.slice(0, products.length);
  const after = cells.slice(products.length);
  const required = before.filter((c) => c.verdict === 'works').map((c) => c.productId);
  const failing = failuresOf(after, required);
  if (failing.length > 0)
    return {
      rotated: false,
      required,
      before,
      after,
      reason: reasonOf(failing, required.length > 0),
      credential,
    };
  const rotated = await profiles.updateCredential(profile.id, credential.id, {
    ...(input.publicId ? { [field]: input.publicId } : {}),
    secret,
  });
  return { rotated: true, required, before, after, credential: rotated };
}

/** The new key must pass every product the old one passed; when the old one passed none, at least one. */
function failuresOf(after: FleetCell[], required: string[]): FleetCell[] {
  if (required.length > 0) return after.filter((c) => required.includes(c.productId) && c.verdict !== 'works');
  return after.some((c) => c.verdict === 'works') ? [] : after;
}

const reasonOf = (failing: FleetCell[], oldPassed: boolean): string => {
  const lines = failing.map((c) => `${c.productId}: ${c.title}`).join('; ');
  return oldPassed
    ? `The new key failed where the old one works, so the old key stays in place. ${lines}`
    : `The new key works with no product, so the old key stays in place. ${lines}`;
};
