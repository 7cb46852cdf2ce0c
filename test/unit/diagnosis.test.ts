import { describe, expect, it } from 'vitest';
import { VERIFICATION_PROBE_ID } from '../../shared/catalog';
import { type Diagnosis, type DiagnosisInput, diagnose, diagnoseFunctionCheck } from '../../shared/diagnosis';

const numbers: DiagnosisInput = {
  productId: 'numbers',
  credentialKind: 'accessKey',
  phase: 'request',
  authScheme: 'bearer',
  tokenOk: true,
};
const conversation: DiagnosisInput = {
  ...numbers,
  productId: 'conversation',
  region: 'us',
  host: 'us.conversation.api.sinch.com',
};
const voice: DiagnosisInput = { productId: 'voice', credentialKind: 'applicationKey', phase: 'request', authScheme: 'signed' };
const mailgun: DiagnosisInput = {
  productId: 'mailgun',
  credentialKind: 'mailgun',
  phase: 'request',
  authScheme: 'basic',
  host: 'api.mailgun.net',
};
const tokenPhase: DiagnosisInput = { productId: 'numbers', credentialKind: 'accessKey', phase: 'token', host: 'auth.sinch.com' };

/** Every diagnosis reads as finished sentences: no placeholder left, nothing empty. */
function check(d: Diagnosis): Diagnosis {
  for (const text of [d.title, d.explanation, d.fix]) {
    expect(text).not.toMatch(/\{\w+\}/);
    expect(text.trim()).not.toBe('');
  }
  return d;
}

describe('diagnose', () => {
  it('a Numbers test answered 200 says the credentials work', () => {
    const d = check(diagnose({ ...numbers, status: 200 }));
    expect(d).toMatchObject({ outcome: 'ok', code: 'OK' });
    expect(d.explanation).toContain('Numbers answered 200');
  });

  it('Verification answering 404 to the made-up probe ID counts as working credentials', () => {
    const d = check(
      diagnose({
        ...voice,
        productId: 'verification',
        status: 404,
        testSucceedsOn: [404],
        path: `/verification/v1/verifications/id/${VERIFICATION_PROBE_ID}`,
      }),
    );
    expect(d).toMatchObject({ outcome: 'ok', code: 'OK_PROBE' });
  });

  it('Number Lookup, which has no read-only call, is reported as tested by the token exchange', () => {
    const d = check(diagnose({ ...tokenPhase, productId: 'numberLookup', tokenOk: true }));
    expect(d).toMatchObject({ outcome: 'ok', code: 'OK_TOKEN_ONLY' });
    expect(d.explanation).toContain('Number Lookup has no read-only call');
  });

  it('a wrong key secret (401 invalid_client from the token endpoint) points to the Access Keys page', () => {
    const d = check(diagnose({ ...tokenPhase, errorCode: 'TOKEN_INVALID_CLIENT' }));
    expect(d).toMatchObject({ outcome: 'problem', code: 'INVALID_KEY_SECRET' });
    expect(d.fix).toContain('Settings → Access Keys');
  });

  it('a 401 whose challenge says the token expired is explained as an expired token', () => {
    const headers = {
      'WWW-Authenticate': 'Bearer error="invalid_token", error_description="Jwt expired at 2024-07-08T22:12:28Z"',
    };
    expect(check(diagnose({ ...numbers, status: 401, headers })).code).toBe('TOKEN_EXPIRED');
  });

  it('a fresh token that Numbers still refuses with 401 is a token not valid for this request', () => {
    const d = check(diagnose({ ...numbers, status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } }));
    expect(d.code).toBe('TOKEN_NOT_ACCEPTED');
    expect(d.fix).toContain('project ID');
  });

  it('a service plan API token refused with 401 says which values to copy again and from where', () => {
    const d = check(
      diagnose({
        productId: 'smsServicePlan',
        credentialKind: 'servicePlan',
        phase: 'request',
        authScheme: 'apiToken',
        status: 401,
      }),
    );
    expect(d.code).toBe('CREDENTIALS_REJECTED');
    expect(d.explanation).toContain('service plan ID and API token');
    expect(d.fix).toContain('SMS → APIs');
  });

  it('a key without access to the project (403 Permission Denied) says so, not "wrong secret"', () => {
    const d = check(diagnose({ ...numbers, status: 403 }));
    expect(d.code).toBe('KEY_WITHOUT_ACCESS');
    expect(d.explanation).toContain('Permission Denied');
  });

  it('a Conversation app that lives in another region (404 from the us host while the token is fine) suggests the region', () => {
    const d = check(diagnose({ ...conversation, status: 404 }));
    expect(d.code).toBe('WRONG_REGION_HOST');
    expect(d.explanation).toContain('us.conversation.api.sinch.com (region us) answered 404');
  });

  it('a token that works for Numbers but gets 401 or 403 from Conversation points to the regional host', () => {
    expect(check(diagnose({ ...conversation, status: 401 })).code).toBe('WRONG_REGION_HOST');
    expect(check(diagnose({ ...conversation, status: 403 })).code).toBe('WRONG_REGION_HOST');
  });

  it('a DNS failure on a regional host is a DNS failure, not a wrong region: every regional host exists', () => {
    const d = check(
      diagnose({
        ...conversation,
        region: 'br',
        host: 'br.conversation.api.sinch.com',
        errorCode: 'NETWORK',
        networkFailure: 'dns',
      }),
    );
    expect(d.code).toBe('DNS_FAILURE');
    expect(d.explanation).toContain('br.conversation.api.sinch.com');
  });

  it('a 403 whose body says Permission Denied is about access, even on a regional host with a working token', () => {
    const body = JSON.stringify({ error: { code: 403, message: 'Permission Denied', status: 'PERMISSION_DENIED' } });
    for (const productId of ['conversation', 'templates', 'sms'] as const) {
      const d = check(diagnose({ ...conversation, productId, status: 403, bodyText: body }));
      expect(d.code, productId).toBe('KEY_WITHOUT_ACCESS');
    }
    // With nothing in the answer to explain it, the region stays the best guess.
    expect(diagnose({ ...conversation, status: 403, bodyText: '{}' }).code).toBe('WRONG_REGION_HOST');
  });

  it('an access key used against Voice is told that Voice needs an application key, and what the key works for', () => {
    const d = check(diagnose({ ...voice, credentialKind: 'accessKey', status: 401 }));
    expect(d.code).toBe('WRONG_CREDENTIAL_KIND');
    expect(d.explanation).toContain('Voice needs an application key and secret');
    expect(d.explanation).toContain('which works for Numbers, Conversation, Template Management');
    expect(d.params).toMatchObject({ service: 'voice', kind: 'accessKey', neededKind: 'applicationKey' });
  });

  it('an application key used against Numbers is told that Numbers needs a project access key', () => {
    const d = check(diagnose({ ...numbers, credentialKind: 'applicationKey', status: 401 }));
    expect(d.code).toBe('WRONG_CREDENTIAL_KIND');
    expect(d.fix).toContain('a project access key');
  });

  it('SMS refusing a working access key on a new project points to the 2026-04-15 end-of-sale and the alternatives', () => {
    const d = check(diagnose({ ...numbers, productId: 'sms', region: 'us', host: 'zt.us.sms.api.sinch.com', status: 401 }));
    expect(d.code).toBe('SMS_ACCESS_KEYS_END_OF_SALE');
    expect(d.fix).toMatch(/service plan.*Conversation API/);
  });

  it('SMS refusing an access key of a project known to predate the end-of-sale is not blamed on it', () => {
    const d = diagnose({ ...numbers, productId: 'sms', status: 401, projectCreatedAfterSmsEndOfSale: false });
    expect(d.code).not.toBe('SMS_ACCESS_KEYS_END_OF_SALE');
  });

  it('a Mailgun domain sending key used to list domains (403) is told to test with the primary account key', () => {
    const d = check(diagnose({ ...mailgun, status: 403, path: '/v4/domains' }));
    expect(d.code).toBe('MAILGUN_SENDING_KEY');
    expect(d.explanation).toContain('sending keys can only send');
    expect(d.fix).toContain('primary account API key');
  });

  it('a wrong Mailgun key (401 Forbidden) is told apart from a sending key', () => {
    const d = check(diagnose({ ...mailgun, status: 401, path: '/v4/domains', bodyText: 'Forbidden' }));
    expect(d.code).toBe('MAILGUN_KEY_REJECTED');
    expect(d.explanation).toContain('does not know this API key');
    // A 401 whose body names the sending key is the sending key after all.
    expect(diagnose({ ...mailgun, status: 401, path: '/v4/domains', bodyText: 'Domain sending keys cannot …' }).code).toBe(
      'MAILGUN_SENDING_KEY',
    );
  });

  it('a Mailgun EU domain tested on the US host ("domain not found") suggests switching the region', () => {
    const d = check(
      diagnose({
        ...mailgun,
        status: 404,
        path: '/v3/mg.example.com/events',
        bodyText: '{"message":"Domain not found: mg.example.com"}',
      }),
    );
    expect(d.code).toBe('MAILGUN_REGION_MISMATCH');
    expect(d.fix).toContain('region');
  });

  it('a signed Voice request refused while the local clock is 5 minutes fast says the clock is off by 300 s', () => {
    const server = Date.UTC(2026, 4, 1, 12, 0, 0);
    const d = check(
      diagnose({ ...voice, status: 401, headers: { Date: new Date(server).toUTCString() }, localTimeMs: server + 300_000 }),
    );
    expect(d.code).toBe('CLOCK_SKEW');
    expect(d.title).toBe('Your clock is off by 300 s');
    expect(d.explanation).toContain('ahead of');
  });

  it('a signed request refused while the clocks agree is a credentials problem, not the clock', () => {
    const server = Date.UTC(2026, 4, 1, 12, 0, 0);
    const d = diagnose({
      ...voice,
      status: 401,
      headers: { date: new Date(server).toUTCString() },
      localTimeMs: server + 20_000,
    });
    expect(d.code).toBe('CREDENTIALS_REJECTED');
  });

  it('a 429 shows how long to wait from Retry-After', () => {
    const d = check(diagnose({ ...numbers, status: 429, headers: { 'retry-after': '30' } }));
    expect(d.code).toBe('RATE_LIMITED');
    expect(d.fix).toContain('Wait 30 seconds');
  });

  it('only a 429 to Basic authentication blames Basic; a Bearer call is not told to switch to OAuth2', () => {
    const bearer = check(diagnose({ ...numbers, status: 429 }));
    expect(bearer.code).toBe('RATE_LIMITED');
    expect(bearer.fix).not.toContain('Basic');
    const basic = check(diagnose({ ...numbers, authScheme: 'basic', status: 429 }));
    expect(basic.code).toBe('RATE_LIMITED_BASIC');
    expect(basic.fix).toContain('Basic authentication is heavily rate-limited');
  });

  it('a 503 from Sinch is explained as Sinch-side, not as bad credentials', () => {
    const d = check(diagnose({ ...numbers, status: 503 }));
    expect(d.code).toBe('SERVER_ERROR');
    expect(d.explanation).toContain("Sinch's side");
  });

  it('an unreadable token response is reported as a failed token request with its reason', () => {
    const d = check(
      diagnose({ ...tokenPhase, errorCode: 'TOKEN_BAD_RESPONSE', errorMessage: "The token endpoint's answer was not JSON." }),
    );
    expect(d.code).toBe('TOKEN_REQUEST_FAILED');
    expect(d.explanation).toContain('was not JSON');
  });

  it('a host that does not resolve (DNS) names the host to check', () => {
    const d = check(diagnose({ ...numbers, host: 'numbers.api.sinch.con', errorCode: 'NETWORK', networkFailure: 'dns' }));
    expect(d.code).toBe('DNS_FAILURE');
    expect(d.explanation).toContain('numbers.api.sinch.con');
  });

  it('a certificate that cannot be verified mentions a proxy that inspects HTTPS', () => {
    const d = check(diagnose({ ...numbers, host: 'numbers.api.sinch.com', errorCode: 'NETWORK', networkFailure: 'tls' }));
    expect(d.code).toBe('TLS_FAILURE');
    expect(d.fix).toContain('proxy');
  });

  it('a server that never answers is a timeout', () => {
    expect(
      check(diagnose({ ...numbers, host: 'numbers.api.sinch.com', errorCode: 'TIMEOUT', networkFailure: 'timeout' })).code,
    ).toBe('TIMEOUT');
  });

  it('a refused connection suggests checking the port or the local proxy', () => {
    const d = check(diagnose({ ...numbers, host: '127.0.0.1:9', errorCode: 'NETWORK', networkFailure: 'refused' }));
    expect(d.code).toBe('CONNECTION_REFUSED');
    expect(d.fix).toContain('proxy');
  });

  it('another network failure repeats what went wrong', () => {
    const d = check(
      diagnose({ ...tokenPhase, errorCode: 'NETWORK', errorMessage: 'Could not reach auth.sinch.com (ECONNRESET).' }),
    );
    expect(d.code).toBe('NETWORK_ERROR');
    expect(d.explanation).toContain('ECONNRESET');
  });

  it('a test the user cancelled says so', () => {
    expect(check(diagnose({ ...numbers, errorCode: 'CANCELLED', networkFailure: 'cancelled' })).code).toBe('CANCELLED');
  });

  it('a redirect to another host is reported as blocked, with credentials not sent there', () => {
    const redirect = { location: 'https://elsewhere.example/v1', followed: false, crossOrigin: true };
    const d = check(diagnose({ ...numbers, status: 307, redirect }));
    expect(d.code).toBe('CROSS_ORIGIN_REDIRECT');
    expect(d.explanation).toContain('https://elsewhere.example/v1');
    expect(d.explanation).toContain('not sent there');
  });

  it('a redirect loop on the same host stops with "too many redirects"', () => {
    const redirect = { location: 'https://numbers.api.sinch.com/loop', followed: false, crossOrigin: false };
    expect(check(diagnose({ ...numbers, status: 302, redirect })).code).toBe('TOO_MANY_REDIRECTS');
  });

  it('a 404 from a single-host API asks to check the IDs in the path', () => {
    const d = check(diagnose({ ...numbers, status: 404, method: 'GET', path: '/v1/projects/x/availableRegions' }));
    expect(d.code).toBe('NOT_FOUND');
    expect(d.explanation).toContain('GET /v1/projects/x/availableRegions');
  });

  it('any other answer, such as 400, is shown as unexpected with the status', () => {
    const d = check(diagnose({ ...numbers, status: 400 }));
    expect(d).toMatchObject({ outcome: 'problem', code: 'UNEXPECTED_STATUS' });
    expect(d.explanation).toContain('400');
  });

  it('links the product documentation where the product answered', () => {
    expect(diagnose({ ...numbers, status: 404 }).docsUrl).toBe('https://developers.sinch.com/docs/numbers');
  });
});

describe('diagnoseFunctionCheck', () => {
  it('a function that answers 401 without credentials and 200 with the key is protected and the key works', () => {
    expect(check(diagnoseFunctionCheck({ withoutCredentials: 401, withCredentials: 200 }))).toMatchObject({
      outcome: 'ok',
      code: 'FUNCTION_PROTECTED',
    });
  });

  it('a function that answers 200 without credentials is open to anyone', () => {
    const d = check(diagnoseFunctionCheck({ withoutCredentials: 200, withCredentials: 200 }));
    expect(d).toMatchObject({ outcome: 'problem', code: 'FUNCTION_NOT_PROTECTED' });
    expect(d.title).toContain('anyone can call it');
  });

  it('a protected function that also refuses the key says the key was rejected', () => {
    expect(check(diagnoseFunctionCheck({ withoutCredentials: 401, withCredentials: 401 })).code).toBe('FUNCTION_KEY_REJECTED');
  });

  it('a function that cannot be reached explains the network failure instead of guessing about protection', () => {
    const d = check(diagnoseFunctionCheck({ errorCode: 'NETWORK', networkFailure: 'refused', host: '127.0.0.1:3000' }));
    expect(d).toMatchObject({ outcome: 'problem', code: 'CONNECTION_REFUSED' });
    expect(d.explanation).toContain('127.0.0.1:3000');
  });

  it('a function URL that answers 404 both ways is unexpected', () => {
    expect(check(diagnoseFunctionCheck({ withoutCredentials: 404, withCredentials: 404 })).code).toBe('FUNCTION_UNEXPECTED');
  });
});
