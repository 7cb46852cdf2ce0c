// What the UI knows about one access key's token, and the pure rules behind it: how a token response is read, when
// a token expires and when it is due for refresh. A TokenState holds only facts about the token, never the token,
// so it may cross to the renderer safely (docs/security-checklist.md#token-client-rules rule 1: tokens stay in the main process).
import { AppError, type AppErrorData } from './errors';
import { decodeJwtPayload } from './jwt';

export type ExpirySource = 'jwt' | 'expires_in' | 'default';

export interface TokenState {
  status: 'none' | 'valid' | 'refreshing' | 'expired';
  /** Milliseconds since the epoch when the token was received. */
  issuedAt?: number;
  /** Milliseconds since the epoch when the token stops working. */
  expiresAt?: number;
  secondsLeft?: number;
  expirySource?: ExpirySource;
  /** The decoded JWT payload, for display; never the token. */
  claims?: Record<string, unknown>;
  lastError?: AppErrorData;
}

/** Facts about a cached token (the token string is kept beside it, not in it). */
export interface TokenFacts {
  issuedAt: number;
  expiresAt: number;
  expirySource: ExpirySource;
  claims?: Record<string, unknown>;
}

/** A token as the main process caches it: the string and the facts about it. */
export interface IssuedToken extends TokenFacts {
  token: string;
}

/** docs/security-checklist.md#token-client-rules rule 2: an unusable lifetime counts as 60 s, an absurd one is clamped to 24 h. */
export const DEFAULT_LIFETIME_S = 60;
export const MAX_LIFETIME_S = 24 * 60 * 60;
/** Refresh five minutes ahead, as Google's client, aws-vault and simple-oauth2 do (docs/security-checklist.md#client-libraries). */
export const REFRESH_AHEAD_S = 300;

const positiveNumber = (value: unknown): number | undefined => {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
};

/**
 * When a token received at `receivedAt` expires: the JWT `exp` claim first (docs/protocol.md#token-response), else `expires_in`
 * counted from receipt (RFC 6749 §5.1), else 60 s. An `exp` already in the past by the local clock is ignored, so a
 * local clock that runs ahead of Sinch's does not make every fresh token look expired.
 */
export function tokenExpiry(
  claims: Record<string, unknown> | undefined,
  expiresIn: unknown,
  receivedAt: number,
): Pick<TokenFacts, 'expiresAt' | 'expirySource'> {
  const latest = receivedAt + MAX_LIFETIME_S * 1000;
  const exp = positiveNumber(claims?.exp);
  if (exp !== undefined && exp * 1000 > receivedAt) return { expiresAt: Math.min(exp * 1000, latest), expirySource: 'jwt' };
  const seconds = positiveNumber(expiresIn);
  if (seconds !== undefined) return { expiresAt: Math.min(receivedAt + seconds * 1000, latest), expirySource: 'expires_in' };
  return { expiresAt: receivedAt + DEFAULT_LIFETIME_S * 1000, expirySource: 'default' };
}

export const secondsLeft = (token: TokenFacts, now: number): number => Math.max(0, Math.floor((token.expiresAt - now) / 1000));

/** A cached token is reused only while more than min(300 s, half its lifetime) remains. */
export function isReusable(token: TokenFacts, now: number): boolean {
  const lifetimeS = (token.expiresAt - token.issuedAt) / 1000;
  return (token.expiresAt - now) / 1000 > Math.min(REFRESH_AHEAD_S, lifetimeS / 2);
}

export function computeTokenState(
  input: { token?: TokenFacts; refreshing: boolean; lastError?: AppErrorData },
  now: number,
): TokenState {
  const { token, refreshing, lastError } = input;
  const status = refreshing ? 'refreshing' : !token ? 'none' : token.expiresAt > now ? 'valid' : 'expired';
  const state: TokenState = { status };
  if (token) {
    state.issuedAt = token.issuedAt;
    state.expiresAt = token.expiresAt;
    state.secondsLeft = secondsLeft(token, now);
    state.expirySource = token.expirySource;
    if (token.claims) state.claims = token.claims;
  }
  if (lastError) state.lastError = lastError;
  return state;
}

export const badTokenResponse = (what: string) =>
  new AppError(
    'TOKEN_BAD_RESPONSE',
    `The token endpoint's answer ${what}.`,
    'Check the token URL: Sinch uses https://auth.sinch.com/oauth2/token.',
  );

/** Reads a successful RFC 6749 §5.1 token response received at `receivedAt`; throws TOKEN_BAD_RESPONSE when unusable. */
export function readTokenResponse(body: string, receivedAt: number): IssuedToken {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw badTokenResponse('was not JSON');
  }
  const fields = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const { access_token: token, token_type: tokenType, expires_in: expiresIn } = fields;
  if (typeof token !== 'string' || token === '') throw badTokenResponse('had no access_token');
  // docs/protocol.md#token-response: Sinch's docs show "Bearer", its skill "bearer"; RFC 6749 §5.1 makes the field required, but an
  // absent one changes nothing about how the token is sent, so only a different type is refused.
  if (tokenType !== undefined && String(tokenType).toLowerCase() !== 'bearer') throw badTokenResponse('was not a Bearer token');
  const claims = decodeJwtPayload(token);
  const issued: IssuedToken = { token, issuedAt: receivedAt, ...tokenExpiry(claims, expiresIn, receivedAt) };
  if (claims) issued.claims = claims;
  return issued;
}
