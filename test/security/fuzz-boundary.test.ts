// Boundary fuzzing (docs/security-checklist.md#ipc-boundary.6): malformed requests at all three places a request enters the engine — dispatch
// (what every door calls), the Electron IPC handlers with a trusted window as sender, and browser mode over real HTTP.
// Pass: 0 crashes, 100 % refused with the error envelope (VALIDATION; UNAUTHORIZED from browser mode's session cookie, Host
// and Origin guards), 0 handler calls, nothing written, no keychain access, built-in prototypes untouched. The engine
// is real (temp settings file, memory secret store).
import { readFileSync, rmSync, statSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../core/engine';
import { MemorySecretStore } from '../../core/keychain';
import { registerIpcHandlers } from '../../electron/ipc';
import type { Operation } from '../../shared/contract';
import { channelOf, OPERATION_NAMES } from '../../shared/operations';
import { startWebServer, type WebServer } from '../../web/server';
import { openWebSession, type WebSession } from '../support/web-session';
import {
  CountingSecretStore,
  countingHandlers,
  engineIn,
  prototypeChanges,
  prototypeFingerprint,
  rendererDir,
} from './support/engine-fixture';
import { type HttpClient, type HttpRequest, httpClient, inPool } from './support/http';
import { contractRoutes, guardedRoutes, isJson } from './support/http-fuzz';
import { malformedRequest } from './support/malformed';
import { drawn, edgeString } from './support/malformed-values';
import { notARefusal, short } from './support/refusal';

const PER_OPERATION = 10_000;
// Generous: the figures printed at the end are the measure; these only stop a hung run on a busy machine.
const SLOW = 120_000;
const IPC_PER_OPERATION = 400;
const HTTP_PER_OPERATION = 320;
const HTTP_FAMILY_MIN = 10_000;
const TRUSTED_FRAME = { url: 'app://sinch-keys/index.html', parent: null };

const store = new CountingSecretStore(new MemorySecretStore());
const { dir, engine, settingsFile } = engineIn({ secrets: store });
const counted = countingHandlers(engine.handlers);
const prototypesBefore = prototypeFingerprint();
const process_ = { uncaught: 0 };
const onUncaught = () => {
  process_.uncaught++;
};
let settingsBefore: { text: string; mtimeMs: number };
let listBefore: unknown;
let server: WebServer;
let session: WebSession;
let http: HttpClient;
const started = Date.now();
const figures = { dispatch: 0, unknownNames: 0, ipc: 0, httpContract: 0, httpOther: 0, httpHuge: 0 };

beforeAll(async () => {
  // One saved profile with a credential, so "nothing changed" is checked against real data, not an empty file.
  const profile = await engine.handlers['profiles.create']({
    name: 'Fuzz target',
    projectId: '',
    environment: 'prod',
    notes: '',
    regions: {},
    baseUrls: {},
  });
  await engine.handlers['credentials.add']({
    profileId: profile.id,
    credential: { kind: 'accessKey', keyId: '3f0c6f0e-1b7a-4c2e-9f57-2a8f2f1d9b11', secret: 'fuzz-secret', label: '' },
  });
  store.calls.set = 0;
  settingsBefore = { text: readFileSync(settingsFile, 'utf8'), mtimeMs: statSync(settingsFile).mtimeMs };
  listBefore = await engine.handlers['profiles.list']({});
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  server = await startWebServer({ engine: { ...engine, handlers: counted.handlers }, rendererDir: rendererDir(dir) });
  session = await openWebSession(server);
  http = httpClient(server.url);
});

afterAll(async () => {
  process.off('uncaughtException', onUncaught);
  process.off('unhandledRejection', onUncaught);
  http?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs one malformed request through dispatch; a throw is a crash, anything but the refusal envelope a failure. */
async function refusedByDispatch(op: string, request: unknown): Promise<void> {
  const reply = await dispatch(counted.handlers, op, request);
  const problem = notARefusal(reply);
  if (problem) throw new Error(`${op} ${short(request)}: ${problem}`);
}

const handlerCalls = () => [...counted.calls.values()].reduce((a, b) => a + b, 0);

describe('dispatch refuses every malformed request before any handler runs', () => {
  it.each(OPERATION_NAMES)(
    '%s: 10 000 malformed requests, all refused with VALIDATION',
    async (op) => {
      await fc.assert(
        fc.asyncProperty(malformedRequest(op, 'direct'), async (request) => {
          figures.dispatch++;
          await refusedByDispatch(op, request);
        }),
        { numRuns: PER_OPERATION },
      );
      expect(counted.calls.get(op) ?? 0).toBe(0);
    },
    SLOW,
  );

  it('an operation name that is not in the contract is refused, whatever it looks like', async () => {
    const name = fc.oneof(
      edgeString,
      fc.constantFrom('__proto__', 'constructor', 'hasOwnProperty', 'toString', 'Profiles.list', 'profiles.list '),
      fc
        .tuple(
          fc.constantFrom(...OPERATION_NAMES),
          edgeString.filter((s) => s !== ''),
        )
        .map(([op, s]) => `${op}${s}`),
    );
    await fc.assert(
      fc.asyncProperty(
        name.filter((n) => !OPERATION_NAMES.includes(n as Operation)),
        fc.constantFrom({}, { profileId: 'p1' }),
        async (op, request) => {
          figures.unknownNames++;
          await refusedByDispatch(op, request);
        },
      ),
      { numRuns: PER_OPERATION },
    );
    expect(handlerCalls()).toBe(0);
  });
});

describe('the IPC door, with the app window as sender, refuses the same requests', () => {
  it('a sample of 400 malformed requests per operation is refused by the registered handler', async () => {
    const listeners = new Map<string, (event: { senderFrame: typeof TRUSTED_FRAME }, input: unknown) => Promise<unknown>>();
    registerIpcHandlers({ handle: (channel, listener) => listeners.set(channel, listener) }, counted.handlers);
    for (const op of OPERATION_NAMES) {
      const listener = listeners.get(channelOf(op));
      if (!listener) throw new Error(`no IPC handler for ${op}`);
      for (const request of fc.sample(malformedRequest(op, 'direct'), IPC_PER_OPERATION)) {
        figures.ipc++;
        const problem = notARefusal(await listener({ senderFrame: TRUSTED_FRAME }, request));
        if (problem) throw new Error(`${op} over IPC ${short(request)}: ${problem}`);
      }
    }
    expect(handlerCalls()).toBe(0);
  });
});

// ---- browser mode over HTTP ----

/** Sends every request and checks each answer: a 4xx (or 200) whose body is a refusal envelope. */
async function allRefused(requests: Iterable<HttpRequest>): Promise<{ sent: number; failures: string[] }> {
  const failures: string[] = [];
  const sent = await inPool(requests, 16, async (req) => {
    try {
      const reply = await http.send(req);
      const parsed = isJson(reply.body) ? JSON.parse(reply.body) : reply.body;
      // The door's own guards (session, Host, Origin) answer UNAUTHORIZED; everything else is VALIDATION.
      const code = [401, 403, 421].includes(reply.status) ? 'UNAUTHORIZED' : 'VALIDATION';
      const problem = reply.status === 200 || (reply.status >= 400 && reply.status < 500) ? notARefusal(parsed, code) : 'status';
      if (problem) failures.push(`${req.method ?? 'POST'} ${req.path} ${short(req.headers)} → ${reply.status} ${problem}`);
    } catch (err) {
      failures.push(`${req.method ?? 'POST'} ${req.path} → no answer (${(err as Error).message})`);
    }
  });
  return { sent, failures };
}

describe('browser mode refuses malformed requests over real HTTP', () => {
  it(
    'POST /api/<operation>: malformed JSON requests, bad JSON, wrong content types and unicode headers',
    async () => {
      const { sent, failures } = await allRefused(contractRoutes(session, HTTP_PER_OPERATION));
      figures.httpContract += sent;
      expect(sent).toBeGreaterThanOrEqual(HTTP_FAMILY_MIN);
      expect(failures.slice(0, 5)).toEqual([]);
      expect(handlerCalls()).toBe(0);
    },
    SLOW,
  );

  it(
    'unknown routes, wrong methods, and missing, wrong or unicode session cookies, hosts and origins are refused',
    async () => {
      const { sent, failures } = await allRefused(guardedRoutes(session));
      figures.httpOther += sent;
      expect(sent).toBeGreaterThanOrEqual(HTTP_FAMILY_MIN);
      expect(failures.slice(0, 5)).toEqual([]);
      expect(handlerCalls()).toBe(0);
    },
    SLOW,
  );

  it('bodies larger than 2 MiB are refused with the envelope, and the server keeps answering', async () => {
    const fresh = httpClient(server.url, { fresh: true });
    const MiB = 1024 * 1024;
    const bodies = [
      `{"text":"${'a'.repeat(2 * MiB)}"}`,
      `{"profileId":"${'\u00e9'.repeat(MiB + 1)}"}`,
      'x'.repeat(3 * MiB),
      Buffer.alloc(2 * MiB + 1, 0x20),
    ];
    const headers = { 'content-type': 'application/json', cookie: session.cookie };
    try {
      for (const [i, body] of bodies.entries()) {
        figures.httpHuge++;
        const reply = await fresh.send({ path: `/api/${OPERATION_NAMES[i]}`, headers, body });
        expect(reply.status).toBe(400);
        expect(notARefusal(JSON.parse(reply.body))).toBeUndefined();
      }
      const after = await http.send({ path: '/api/profiles.list', headers, body: '{}' });
      expect(JSON.parse(after.body)).toEqual({ ok: true, value: listBefore });
    } finally {
      fresh.close();
    }
  });
});

describe('after the fuzz', () => {
  it('no handler ran, nothing was written, no secret was read and no built-in prototype changed', async () => {
    expect(Object.fromEntries(counted.calls)).toEqual({ 'profiles.list': 1 });
    expect(store.calls).toEqual({ get: 0, set: 0, delete: 0 });
    expect(readFileSync(settingsFile, 'utf8')).toBe(settingsBefore.text);
    expect(statSync(settingsFile).mtimeMs).toBe(settingsBefore.mtimeMs);
    expect(await engine.handlers['profiles.list']({})).toEqual(listBefore);
    expect(prototypeChanges(prototypesBefore)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(process_.uncaught).toBe(0);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `fuzz: ${PER_OPERATION} payloads × ${OPERATION_NAMES.length} operations through dispatch (${figures.dispatch} runs) + ` +
        `${figures.unknownNames} unknown operation names, ${figures.ipc} through IPC, ` +
        `HTTP ${figures.httpContract} on POST /api/<op> + ${figures.httpOther} on guards/unknown routes + ` +
        `${figures.httpHuge} bodies > 2 MiB; ${drawn.huge} strings of 100 000 to 1 048 576 characters among them; ` +
        `0 accepted, 0 crashes, 0 handler calls, 0 keychain calls, ${seconds} s`,
    );
  });
});
