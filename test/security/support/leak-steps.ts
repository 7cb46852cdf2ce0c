// Every feature of the engine, as requests a door sends. Here: reads, token exchanges against every kind of answer,
// and test requests against a cooperative and a hostile server; leak-steps-local.ts has the rest (signing, callbacks,
// snippets, export, import, rotation, bad input). `before` scripts the fake Sinch's next answers.
import type { Operation } from '../../../shared/contract';
import { localSteps } from './leak-steps-local';
import { KEY_ID, type World } from './leak-world';

export interface Step {
  label: string;
  op: Operation;
  input: Record<string, unknown>;
  before?: () => void;
  /** The reply is meant to hold this canary (reveal, a snippet with secrets): checked to hold it, not scanned. */
  allowed?: string;
  /** What the reply must come to ('ok', 'valid', 'invalid' or an error code), so each path is known to have run. */
  expect?: string;
}

/** What every step list needs: the world, which door runs it, and a reference to each planted credential. */
export interface StepContext {
  world: World;
  door: string;
  exportFile: (name: string) => string;
  ak: { profileId: string; credentialId: string };
  app: { profileId: string; credentialId: string };
  sp: { profileId: string; credentialId: string };
  mg: { profileId: string; credentialId: string };
  test: (credential: Record<string, string>, productId: string, extra?: Record<string, unknown>) => Record<string, unknown>;
}

export function steps(world: World, door: string, exportFile: (name: string) => string): Step[] {
  const { profileId, ids } = world;
  const ref = (credentialId: string) => ({ profileId, credentialId });
  const c: StepContext = {
    world,
    door,
    exportFile,
    ak: ref(ids.accessKey),
    app: ref(ids.application),
    sp: ref(ids.servicePlan),
    mg: ref(ids.mailgun),
    test: (credential, productId, extra = {}) => ({ ...credential, productId, ...extra }),
  };
  return [...networkSteps(c), ...localSteps(c)];
}

function networkSteps({ world, door, ak, app, sp, mg, test }: StepContext): Step[] {
  const { profileId, secrets, fake, hostile } = world;
  // A misbehaving proxy or server that echoes the Basic header it received.
  const basic = `Basic ${Buffer.from(`${KEY_ID}:${secrets.accessKey}`).toString('base64')}`;
  const echoed = { error_description: `client ${basic} rejected; secret=${encodeURIComponent(secrets.accessKey)}` };
  const token =
    (status: number, body: unknown, headers: Record<string, string> = {}, times = 1) =>
    () =>
      fake.script.token({ status, body, headers }, times);
  const api = (answer: Parameters<typeof fake.script.api>[0]) => () => fake.script.api(answer);

  return [
    { label: 'app info', op: 'app.info', input: {} },
    { label: 'keychain status', op: 'keychain.status', input: {} },
    { label: 'list', op: 'profiles.list', input: {} },
    { label: 'search', op: 'profiles.list', input: { query: 'leak' } },
    { label: 'search for the secret itself', op: 'profiles.list', input: { query: secrets.accessKey.slice(0, 100) } },
    { label: 'get', op: 'profiles.get', input: { profileId } },
    { label: 'edit notes', op: 'profiles.update', input: { profileId, patch: { notes: `edited from ${door}` } } },
    {
      label: 'override templates',
      op: 'profiles.setOverride',
      input: { profileId, target: 'templates', url: hostile.url, allowForeignHost: true },
    },
    { label: 'relabel', op: 'credentials.update', input: { ...ak, patch: { label: `ci key ${door}` } } },

    // Tokens: every kind of answer the token endpoint can give (docs/security-checklist.md#secret-leakage.10).
    { label: 'token status before', op: 'token.status', input: ak },
    { expect: 'ok', label: 'token refresh', op: 'token.refresh', input: ak },
    { label: 'token status after', op: 'token.status', input: ak },
    {
      expect: 'TOKEN_INVALID_CLIENT',
      label: 'token 401 invalid_client',
      op: 'token.refresh',
      input: ak,
      before: token(401, { error: 'invalid_client', ...echoed }, { 'www-authenticate': `Basic realm="${basic}"` }),
    },
    {
      expect: 'TOKEN_REJECTED',
      label: 'token 400 echoing',
      op: 'token.refresh',
      input: ak,
      before: token(400, { error: 'invalid_request', ...echoed }),
    },
    {
      expect: 'TOKEN_RATE_LIMITED',
      label: 'token 429',
      op: 'token.refresh',
      input: ak,
      before: token(429, { error: 'slow_down' }, { 'retry-after': '0' }, 4),
    },
    {
      expect: 'TOKEN_SERVER_ERROR',
      label: 'token 503',
      op: 'token.refresh',
      input: ak,
      before: token(503, `upstream said ${basic}`, {}, 4),
    },
    {
      expect: 'TOKEN_BAD_RESPONSE',
      label: 'token garbage JSON',
      op: 'token.refresh',
      input: ak,
      before: token(200, `{"access_token": ${basic}`),
    },
    {
      expect: 'TIMEOUT',
      label: 'token timeout',
      op: 'token.refresh',
      input: ak,
      before: () => fake.script.token({ hang: true }, 4),
    },
    { label: 'token after failures', op: 'token.status', input: ak },

    // Test requests: success, 401, 403, a redirect to another origin, a timeout, a 500 — from the fake Sinch, and from
    // a hostile API that echoes the credentials this request carried (redaction covers what a request sends).
    { label: 'test numbers', op: 'request.test', input: test(ak, 'numbers') },
    {
      label: 'test numbers 401',
      op: 'request.test',
      input: test(ak, 'numbers'),
      before: api({
        status: 401,
        body: { title: 'Unauthorized' },
        headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
      }),
    },
    {
      label: 'test numbers 403',
      op: 'request.test',
      input: test(ak, 'numbers'),
      before: api({ status: 403, body: { title: 'Denied' } }),
    },
    {
      label: 'test numbers redirect elsewhere',
      op: 'request.test',
      input: test(ak, 'numbers'),
      before: api({ status: 307, headers: { location: `${hostile.url}/collect` } }),
    },
    { label: 'test numbers timeout', op: 'request.test', input: test(ak, 'numbers'), before: api({ hang: true }) },
    { label: 'test numbers 500', op: 'request.test', input: test(ak, 'numbers'), before: api({ status: 500, body: 'upstream' }) },
    ...(
      [
        [ak, 'conversation', {}],
        [ak, 'conversation', { scheme: 'basic' }],
        [app, 'voice', {}],
        [app, 'voice', { scheme: 'basic' }],
        [sp, 'smsServicePlan', {}],
        [mg, 'mailgun', {}],
      ] as const
    ).flatMap(([credential, productId, extra]) =>
      ['/status/401', '/status/403', '/status/500', '/redirect-out'].map(
        (path): Step => ({
          label: `test ${productId} ${'scheme' in extra ? 'basic ' : ''}${path} echo`,
          op: 'request.test',
          input: test(credential, productId, { ...extra, custom: { method: 'GET', path } }),
        }),
      ),
    ),
    { label: 'test numbers basic', op: 'request.test', input: test(ak, 'numbers', { scheme: 'basic' }) },
    { label: 'test number lookup', op: 'request.test', input: test(ak, 'numberLookup') },
    { label: 'test conversation echo', op: 'request.test', input: test(ak, 'conversation') },
    { label: 'test conversation basic echo', op: 'request.test', input: test(ak, 'conversation', { scheme: 'basic' }) },
    {
      label: 'test custom POST',
      op: 'request.test',
      input: test(ak, 'conversation', { custom: { method: 'POST', path: '/v1/projects/{projectId}/messages:send', body: '{}' } }),
    },
    { label: 'test voice signed echo', op: 'request.test', input: test(app, 'voice') },
    { label: 'test voice basic echo', op: 'request.test', input: test(app, 'voice', { scheme: 'basic' }) },
    { label: 'test verification echo', op: 'request.test', input: test(app, 'verification') },
    { label: 'test SMS service plan echo', op: 'request.test', input: test(sp, 'smsServicePlan') },
    { label: 'test Mailgun echo', op: 'request.test', input: test(mg, 'mailgun') },
    { label: 'cancel nothing', op: 'request.cancel', input: { requestId: 'nothing-running' } },
    {
      label: 'function open',
      op: 'request.testFunction',
      input: { ...ak, url: `${hostile.url}/fn-open`, allowForeignHost: true },
    },
    {
      label: 'function protected',
      op: 'request.testFunction',
      input: { ...ak, url: `${hostile.url}/fn-protected`, allowForeignHost: true },
    },
  ];
}
