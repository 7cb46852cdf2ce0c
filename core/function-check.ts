// The Sinch Functions protection check (seed "Protecting Your Function"): a protected handler answers 401 without
// credentials and 2xx with Basic key ID:secret. The key goes only to a host the user confirmed for this profile, once
// per host and remembered on it, exactly like a base-URL override: *.sinch.com included, since anyone can get a
// Function host there.
import { diagnoseFunctionCheck } from '../shared/diagnosis';
import { engineError } from '../shared/engine-text';
import { isLoopbackUrl } from '../shared/profile';
import type { FunctionTestResult } from '../shared/views';
import { basicAuthorization } from './app-signing';
import { RequestFailure, safeFetch } from './http-client';
import type { FetchLike } from './ports';

export interface FunctionCheckInput {
  url: string;
  keyId: string;
  readSecret: () => Promise<string>;
  /** Hosts (host:port) this profile's key was already confirmed for. */
  confirmedHosts: readonly string[];
  /** Asked for a host the key has not gone to: true once the user's word allows it (core/confirmations.ts). */
  confirmHost: (host: string) => Promise<boolean>;
  /** Remembers a newly confirmed host on the profile, before anything is sent. */
  rememberHost: (host: string) => Promise<void>;
  fetch?: FetchLike;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export async function testFunctionUrl(input: FunctionCheckInput): Promise<FunctionTestResult> {
  if (!URL.canParse(input.url)) throw engineError('VALIDATION', 'functionUrlInvalid');
  const url = new URL(input.url);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackUrl(url.href)))
    throw engineError('VALIDATION', 'functionUrlNotHttps');
  if (url.username || url.password) throw engineError('VALIDATION', 'functionUrlCredentials');
  if (!input.confirmedHosts.includes(url.host)) {
    if (!(await input.confirmHost(url.host)))
      throw engineError('HOST_NOT_ALLOWED', 'functionHostUnconfirmed', { host: url.host });
    await input.rememberHost(url.host);
  }
  const options = { fetch: input.fetch, signal: input.signal, timeoutMs: input.timeoutMs, maxBodyBytes: 1024 };
  let withoutCredentials: number | undefined;
  let withCredentials: number | undefined;
  try {
    withoutCredentials = (await safeFetch(url.href, { method: 'GET' }, options)).status;
    const headers = { Authorization: basicAuthorization(input.keyId, await input.readSecret()) };
    withCredentials = (await safeFetch(url.href, { method: 'GET', headers }, options)).status;
  } catch (err) {
    if (!(err instanceof RequestFailure)) throw err;
    const diagnosis = diagnoseFunctionCheck({
      errorCode: err.code,
      networkFailure: err.failure,
      host: url.host,
      errorMessage: err.message,
    });
    return {
      url: url.href,
      ...(withoutCredentials === undefined ? {} : { statusWithoutCredentials: withoutCredentials }),
      diagnosis,
    };
  }
  const diagnosis = diagnoseFunctionCheck({ withoutCredentials, withCredentials });
  return { url: url.href, statusWithoutCredentials: withoutCredentials, statusWithCredentials: withCredentials, diagnosis };
}
