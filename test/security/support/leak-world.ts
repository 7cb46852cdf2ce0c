// The world the leak scan runs in: canary secrets planted in a temp profile (real Secret Service, own service name),
// the fake Sinch for tokens and Numbers, and a hostile API that echoes every credential it receives back in its body
// and headers, in several encodings. Plus the recorders: thrown errors, console output, token events.
import { createHash, createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { KeychainStore } from '../../../core/keychain';
import type { Clock, FetchLike } from '../../../core/ports';
import type { Handlers } from '../../../shared/contract';
import { OPERATION_NAMES } from '../../../shared/operations';
import { type FakeSinch, startFakeSinch } from '../../support/fake-sinch';
import { type LocalServer, type RecordedRequest, sendJson, startLocalServer } from '../../support/local-server';
import { engineIn } from './engine-fixture';
import { accessKeySecret, apiToken, applicationSecret, type Canary, mailgunKey, type Sinks, webhookSecret } from './leak';

export const PROJECT_ID = '0f6d3c52-8a51-4f0c-9a55-6a1c2b9e7d10';
export const KEY_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
export const APP_KEY = '669e367e-6bba-48ab-af15-266871c28135';
export const SERVICE_PLAN_ID = 'leakscan0plan1234';
export const MAILGUN_DOMAIN = 'mg.leak-scan.example';
export const PROFILE_NAME = 'Leak target';
/** Short, so timeouts are tested in a second rather than undici's 300 s. */
const NETWORK_TIMEOUT_MS = 800;

function makeCanaries() {
  const secrets = {
    accessKey: accessKeySecret(),
    rotatedAccessKey: accessKeySecret(),
    application: applicationSecret(),
    apiToken: apiToken(),
    mailgun: mailgunKey(),
    conversationWebhook: webhookSecret(),
    numbersWebhook: webhookSecret(),
    mailgunSigningKey: webhookSecret(),
  };
  const canaries: Canary[] = [
    { name: 'access key secret', value: secrets.accessKey, users: [KEY_ID] },
    { name: 'rotated access key secret', value: secrets.rotatedAccessKey, users: [KEY_ID] },
    {
      name: 'application secret',
      value: secrets.application,
      users: [APP_KEY],
      bytes: Buffer.from(secrets.application, 'base64'),
    },
    { name: 'service plan API token', value: secrets.apiToken, users: [SERVICE_PLAN_ID] },
    { name: 'Mailgun API key', value: secrets.mailgun, users: ['api'] },
    { name: 'Conversation webhook secret', value: secrets.conversationWebhook, users: [] },
    { name: 'Numbers callback secret', value: secrets.numbersWebhook, users: [] },
    { name: 'Mailgun webhook signing key', value: secrets.mailgunSigningKey, users: [] },
  ];
  return { secrets, canaries };
}

/**
 * A hostile API: echoes the Authorization it got (raw, decoded, URL-encoded, hex) in its body and headers, with the
 * status a path asks for (/status/403), or redirects it, URL-encoded, to another origin (/redirect-out).
 */
function hostileApi(elsewhere: () => string) {
  return (req: RecordedRequest, res: ServerResponse): void => {
    const authorization = req.headers.authorization ?? '';
    const credential = authorization.replace(/^\S+\s+/, '');
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    if (req.url.startsWith('/fn-protected') && authorization === '') {
      sendJson(res, 401, { error: 'Unauthorized' });
      return;
    }
    if (req.url.startsWith('/redirect-out')) {
      const query = new URLSearchParams({ auth: authorization, decoded });
      res.writeHead(307, { location: `${elsewhere()}/collect?${query}`, 'x-echo-authorization': authorization });
      res.end();
      return;
    }
    const status = Number(/^\/status\/(\d{3})/.exec(req.url)?.[1] ?? 200);
    const body = {
      authorization,
      decoded,
      urlEncoded: encodeURIComponent(decoded),
      hex: Buffer.from(credential, 'utf8').toString('hex'),
      path: req.url,
      body: req.body,
    };
    sendJson(res, status, body, {
      'x-echo-authorization': authorization,
      'x-echo-url-encoded': encodeURIComponent(decoded),
      ...(status === 401 && { 'www-authenticate': `Bearer realm="${encodeURIComponent(authorization)}"` }),
    });
  };
}

/** A fetch that gives up like undici's header timeout does, only after NETWORK_TIMEOUT_MS instead of 300 s. */
const impatientFetch: FetchLike = async (input, init = {}) => {
  const timeout = AbortSignal.timeout(NETWORK_TIMEOUT_MS);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  try {
    return await globalThis.fetch(input, { ...init, signal });
  } catch (err) {
    if (!timeout.aborted || init.signal?.aborted) throw err;
    const cause = Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' });
    throw new TypeError('fetch failed', { cause });
  }
};

/** Real time, but retries and Retry-After waits pass at once, so 429/503 runs take milliseconds. */
const hastyClock: Clock = {
  now: () => Date.now(),
  sleep: (_ms, signal) => (signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve()),
};

type Engine = ReturnType<typeof engineIn>['engine'];
type Secrets = ReturnType<typeof makeCanaries>['secrets'];

export interface World {
  root: string;
  home: string;
  exports: string;
  inputs: string;
  service: string;
  fake: FakeSinch;
  hostile: LocalServer;
  engine: Engine;
  profileId: string;
  ids: { accessKey: string; application: string; servicePlan: string; mailgun: string };
  secrets: Secrets;
  canaries: Canary[];
}

/** The planted profile: one credential of each kind, every product pointed at the fake Sinch or the hostile API. */
export async function plant(engine: Engine, secrets: Secrets, fake: FakeSinch, hostile: LocalServer) {
  const allowed = (url: string) => ({ url, allowForeignHost: true });
  const profile = await engine.profiles.create({
    name: PROFILE_NAME,
    projectId: PROJECT_ID,
    environment: 'staging',
    baseUrls: {
      auth: allowed(fake.tokenUrl),
      numbers: allowed(fake.url),
      ...Object.fromEntries(
        ['conversation', 'voice', 'verification', 'smsServicePlan', 'mailgun'].map((p) => [p, allowed(hostile.url)]),
      ),
    },
  });
  const add = (credential: Parameters<Engine['profiles']['addCredential']>[1]) =>
    engine.profiles.addCredential(profile.id, credential).then((c) => c.id);
  const ids = {
    accessKey: await add({ kind: 'accessKey', keyId: KEY_ID, secret: secrets.accessKey, label: 'ci key' }),
    application: await add({ kind: 'applicationKey', applicationKey: APP_KEY, secret: secrets.application }),
    servicePlan: await add({ kind: 'servicePlan', servicePlanId: SERVICE_PLAN_ID, secret: secrets.apiToken, region: 'eu' }),
    mailgun: await add({ kind: 'mailgun', domain: MAILGUN_DOMAIN, secret: secrets.mailgun }),
  };
  return { profileId: profile.id, ids };
}

export async function createWorld(): Promise<World> {
  const root = mkdtempSync(join(tmpdir(), 'sinch-keys-leak-'));
  const [home, exports, inputs] = ['home', 'exports', 'inputs'].map((d) => join(root, d)) as [string, string, string];
  for (const d of [home, exports, inputs]) mkdirSync(d);
  const service = `sinch-keys-leak-scan-${process.pid}-${Date.now()}`;
  const { secrets, canaries } = makeCanaries();
  const fake = await startFakeSinch({ keys: [{ keyId: KEY_ID, keySecret: secrets.accessKey, projectId: PROJECT_ID }] });
  const hostile = await startLocalServer(
    hostileApi(() => fake.url),
    600_000,
  );
  const { engine } = engineIn({ secrets: new KeychainStore({ service }), dir: home, fetch: impatientFetch, clock: hastyClock });
  const planted = await plant(engine, secrets, fake, hostile);
  return { root, home, exports, inputs, service, fake, hostile, engine, ...planted, secrets, canaries };
}

/** Removes every profile (and so every keychain entry) the run made. */
export async function destroyWorld(world: World): Promise<void> {
  for (const profile of world.engine.profiles.list()) await world.engine.profiles.remove(profile.id).catch(() => undefined);
  await world.fake.close();
  await world.hostile.close();
}

/** Everything an error can show: message, stack, causes, own properties, JSON. */
const describeError = (err: unknown): string =>
  [inspect(err, { depth: 8, showHidden: true }), String(err), (err as Error)?.stack ?? '', JSON.stringify(err) ?? ''].join('\n');

/**
 * The same handlers; anything one throws is recorded and rethrown. `foreign` names errors that are not ours to scan
 * (a fake backend's own raw errors); an error of ours that wraps one is still scanned, cause and all.
 */
export function recordingThrows(
  handlers: Handlers,
  sinks: Sinks,
  door: string,
  foreign: (err: unknown) => boolean = () => false,
): Handlers {
  return Object.fromEntries(
    OPERATION_NAMES.map((op) => [
      op,
      async (args: unknown) => {
        try {
          return await (handlers[op] as (a: unknown) => Promise<unknown>)(args);
        } catch (err) {
          if (!foreign(err)) sinks.add(`${door}: thrown by ${op}`, describeError(err));
          throw err;
        }
      },
    ]),
  ) as unknown as Handlers;
}

/** Records every console call and every write to stdout/stderr until the returned function is called. */
export function captureConsole(sinks: Sinks, label: string): () => void {
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const originals = methods.map((m) => console[m]);
  const writes = [process.stdout.write, process.stderr.write];
  let text = '';
  methods.forEach((m, i) => {
    console[m] = (...args: unknown[]) => {
      text += `${inspect(args, { depth: 8 })}\n`;
      (originals[i] as (...a: unknown[]) => void).apply(console, args);
    };
  });
  for (const [i, stream] of [process.stdout, process.stderr].entries()) {
    const original = writes[i] as typeof stream.write;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      text += String(chunk);
      return (original as (...a: unknown[]) => boolean).call(stream, chunk, ...rest);
    }) as typeof stream.write;
  }
  const onWarning = (w: Error) => {
    text += describeError(w);
  };
  process.on('warning', onWarning);
  return () => {
    methods.forEach((m, i) => {
      console[m] = originals[i] as (typeof console)[typeof m];
    });
    process.stdout.write = writes[0] as typeof process.stdout.write;
    process.stderr.write = writes[1] as typeof process.stderr.write;
    process.off('warning', onWarning);
    sinks.add(`console and stdio during ${label}`, text);
  };
}

// ---- callbacks signed as Sinch and Mailgun sign them, written out here from the reference, not from our code ----

// Signed when the world is made, so they are inside the replay window (the steps widen it to an hour for slow runs).
const signedAtIso = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const signedAtUnix = () => String(Math.floor(Date.now() / 1000));

/** docs/protocol.md#application-callbacks / docs/protocol.md#signing: Voice/Verification callbacks. */
export function applicationCallback(secret: string, body: string) {
  const timestamp = signedAtIso();
  const contentType = 'application/json';
  const md5 = createHash('md5').update(body, 'utf8').digest('base64');
  const stringToSign = ['POST', md5, contentType, `x-timestamp:${timestamp}`, '/callback'].join('\n');
  const signature = createHmac('sha256', Buffer.from(secret, 'base64')).update(stringToSign, 'utf8').digest('base64');
  return { authorization: `Application ${APP_KEY}:${signature}`, 'x-timestamp': timestamp, 'content-type': contentType };
}

/** docs/protocol.md#conversation-callbacks: Conversation webhooks. */
export function conversationCallback(secret: string, body: string) {
  const nonce = 'nonce-leak-scan';
  const timestamp = signedAtUnix();
  const signature = createHmac('sha256', secret).update(`${body}.${nonce}.${timestamp}`, 'utf8').digest('base64');
  return {
    'x-sinch-webhook-signature': signature,
    'x-sinch-webhook-signature-nonce': nonce,
    'x-sinch-webhook-signature-timestamp': timestamp,
    'x-sinch-webhook-signature-algorithm': 'HmacSHA256',
  };
}

/** docs/protocol.md#numbers-callbacks: Numbers callbacks. */
export const numbersCallback = (secret: string, body: string) => ({
  'x-sinch-signature': createHmac('sha1', secret).update(body, 'utf8').digest('hex'),
});

/** Each kind of callback for one body, signed with the planted secrets (the Mailgun body carries its own signature). */
export function signedCallbacks(secrets: Secrets, body: string) {
  return {
    application: applicationCallback(secrets.application, body),
    conversation: conversationCallback(secrets.conversationWebhook, body),
    numbers: numbersCallback(secrets.numbersWebhook, body),
    mailgun: mailgunWebhook(secrets.mailgunSigningKey),
  };
}

/** docs/protocol.md#mailgun-webhooks: a Mailgun webhook body with its signature block. */
export function mailgunWebhook(signingKey: string, event = 'delivered'): string {
  const timestamp = signedAtUnix();
  const token = 'token-leak-scan-0123456789abcdef0123456789abcdef';
  const signature = createHmac('sha256', signingKey).update(`${timestamp}${token}`, 'utf8').digest('hex');
  return JSON.stringify({ signature: { timestamp, token, signature }, 'event-data': { event } });
}
