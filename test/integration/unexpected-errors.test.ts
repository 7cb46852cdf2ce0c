// An unexpected error (a bug, a library throwing) reaches the user as INTERNAL without its text, and reaches the
// log with its stack — with every secret the process handled cut out. Planted secrets must never reach the log.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, describe, expect, it } from 'vitest';
import { agentMcpServer, openAgentEngine } from '../../agent/main';
import { createContext } from '../../cli/context';
import { type ComposedEngine, composeEngine } from '../../core/composition';
import { UnexpectedErrorLog } from '../../core/error-log';
import { MemorySecretStore } from '../../core/keychain';
import { SettingsStore } from '../../core/settings-store';
import { REDACTED } from '../../shared/redact';
import { startWebServer } from '../../web/server';
import { isolatedEnv, runInProcess } from '../support/cli-in-process';
import { openWebSession } from '../support/web-session';

const PROJECT = '11111111-2222-4333-8444-555555555555';
const KEY_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const SECRET = 'planted-key-secret-0123456789';
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.c2lnbmF0dXJl';
const folders: string[] = [];

afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** A keychain that breaks the way a buggy binding would: deleting throws an Error that quotes the secret. */
class LeakyStore extends MemorySecretStore {
  override async delete(account: string): Promise<boolean> {
    const secret = await this.get(account);
    throw new Error(`binding crashed deleting ${account} = ${secret}`, { cause: new Error(`while holding Bearer ${TOKEN}`) });
  }
}

/** A keychain whose reads break once armed: the binding's Error quotes the secret it was reading. */
class CrashingReadStore extends MemorySecretStore {
  armed = false;
  override async get(account: string): Promise<string | null> {
    const secret = await super.get(account);
    if (this.armed) throw new Error(`binding crashed reading ${account} = ${secret}`, { cause: new Error(`Bearer ${TOKEN}`) });
    return secret;
  }
}

function leakyEngine(secrets: MemorySecretStore = new LeakyStore()): { engine: ComposedEngine; log: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'sinch-keys-unexpected-'));
  folders.push(dir);
  const log: string[] = [];
  const engine = composeEngine({
    settings: SettingsStore.at(dir),
    secrets,
    version: 'test',
    errorLog: new UnexpectedErrorLog((text) => log.push(text)),
  });
  return { engine, log };
}

async function plantCredential(engine: ComposedEngine) {
  const profile = await engine.profiles.create({ name: 'Leaky', projectId: PROJECT });
  const credential = await engine.profiles.addCredential(profile.id, {
    kind: 'accessKey',
    keyId: KEY_ID,
    secret: SECRET,
    label: '',
  });
  return { profileId: profile.id, credentialId: credential.id };
}

const expectRedactedReport = (text: string, where: string) => {
  expect(text).toContain(`unexpected error in ${where}`);
  expect(text).toMatch(/\n\s+at /);
  expect(text).toContain('Caused by:');
  expect(text).toContain(REDACTED);
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(TOKEN);
};

describe('an unexpected error in the engine', () => {
  it('in browser mode: the page gets INTERNAL without the text, the log gets the stack without the secret', async () => {
    const { engine, log } = leakyEngine();
    const ids = await plantCredential(engine);
    const renderer = mkdtempSync(join(tmpdir(), 'sinch-keys-unexpected-ui-'));
    folders.push(renderer);
    const server = await startWebServer({ engine, rendererDir: renderer });
    try {
      const { cookie } = await openWebSession(server);
      const reply = await fetch(`${server.url}/api/credentials.remove`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify(ids),
      });
      const body = await reply.text();
      expect(JSON.parse(body)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      expect(body).not.toContain('binding crashed');
      expect(body).not.toContain(SECRET);
    } finally {
      await server.close();
    }
    expect(log).toHaveLength(1);
    expectRedactedReport(log[0] ?? '', 'credentials.remove');
  });

  it('an expected error (AppError) is not logged', async () => {
    const { engine, log } = leakyEngine();
    await expect(engine.handlers['profiles.get']({ profileId: 'nobody' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(log).toEqual([]);
  });
});

describe('an unexpected error in the CLI', () => {
  const env = isolatedEnv({ SINCH_PROJECT_ID: PROJECT, SINCH_KEY_ID: KEY_ID, SINCH_KEY_SECRET: SECRET });
  /** A context whose engine call throws an Error that quotes the environment's secret. */
  const brokenContext = () => {
    const context = createContext(env);
    context.call = async () => {
      throw new Error(`engine bug with ${SECRET}`, {
        cause: new Error(`Basic ${Buffer.from(`${KEY_ID}:${SECRET}`).toString('base64')}`),
      });
    };
    return context;
  };

  it('says only INTERNAL without --verbose, and logs nothing', async () => {
    const run = await runInProcess(['list'], { context: brokenContext() });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'Internal error: Something went wrong inside Sinch Keys.\n  Try again; if it persists, report it with the steps that led here.\n',
    );
  });

  it.each([
    ['--verbose', ['--verbose', 'list'], env],
    ['SINCH_KEYS_DEBUG=1', ['list'], { ...env, SINCH_KEYS_DEBUG: '1' }],
  ])('with %s prints the stack on stderr, secrets cut out', async (_how, words, runEnv) => {
    const context = brokenContext();
    context.env = runEnv;
    const run = await runInProcess(words, { context });
    expect(run.code).toBe(1);
    expectRedactedReport(run.stderr, 'sinch-keys');
    expect(run.stderr).not.toContain(Buffer.from(`${KEY_ID}:${SECRET}`).toString('base64'));
    expect(run.stdout).toBe('');
  });
});

describe('an unexpected error in an MCP call', () => {
  it('the agent gets INTERNAL without the text; the log gets the stack without the secret', async () => {
    const store = new CrashingReadStore();
    const { engine, log } = leakyEngine(store);
    const { profileId } = await plantCredential(engine);
    await engine.handlers['agent.setAccess']({ profileId, patch: { enabled: true } });
    store.armed = true;
    const server = agentMcpServer(engine, 'test');
    const client = new Client({ name: 'test-agent', version: '1' });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
    try {
      const result = await client.callTool({
        name: 'sinch_request',
        arguments: { profile: 'Leaky', product: 'numbers', method: 'GET', path: '/v1/projects/{projectId}/activeNumbers' },
      });
      const text = JSON.stringify(result.content);
      expect(result.isError).toBe(true);
      expect(text).toContain('INTERNAL: Something went wrong inside Sinch Keys.');
      expect(text).not.toContain('binding crashed');
      expect(text).not.toContain(SECRET);
    } finally {
      await client.close();
    }
    // Once: the engine reports it; what the gateway and the MCP tool see is already INTERNAL.
    expect(log).toHaveLength(1);
    expectRedactedReport(log[0] ?? '', 'request.test');
  });

  it("a bug in the agent door's own code is reported too, under the tool's name", async () => {
    const { engine, log } = leakyEngine();
    await plantCredential(engine);
    const server = agentMcpServer(engine, 'test');
    const client = new Client({ name: 'test-agent', version: '1' });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
    engine.settings.read = () => {
      throw new TypeError(`settings bug near ${SECRET}`);
    };
    try {
      const result = await client.callTool({ name: 'list_profiles', arguments: {} });
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).not.toContain('settings bug');
    } finally {
      await client.close();
    }
    expect(log).toHaveLength(1);
    expect(log[0]).toContain('unexpected error in the agent door (mcp list_profiles)');
    expect(log[0]).not.toContain(SECRET);
  });

  it('the agent door writes these reports where it is told (stderr when it runs), secrets cut out', () => {
    const written: string[] = [];
    const engine = openAgentEngine(isolatedEnv(), 'test', (text) => written.push(text));
    engine.errorLog.report('the agent door (mcp sinch_request)', new Error('boom', { cause: new Error(`Bearer ${TOKEN}`) }));
    expect(written).toHaveLength(1);
    expect(written[0]).toContain('unexpected error in the agent door (mcp sinch_request)');
    expect(written[0]).toContain(REDACTED);
    expect(written[0]).not.toContain(TOKEN);
  });
});
