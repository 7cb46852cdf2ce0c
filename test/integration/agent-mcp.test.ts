// `sinch-keys mcp` end to end: the official MCP client over stdio talks to the built CLI, which reads the test
// session's real Secret Service and calls a fake Sinch on 127.0.0.1 (through the profile's base URL overrides).
// Access is changed with the CLI while the server runs, as a user would. Every tool result, the server's stderr,
// the audit log and every file under the user-data folder are scanned for the planted secret and tokens at the end.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/agent';
import { accessKeySecret, filesUnder, Sinks, scan } from '../security/support/leak';
import { type CliHome, cliHome } from '../support/cli';
import { type FakeSinch, startFakeSinch } from '../support/fake-sinch';
import { type McpSession, startMcp } from '../support/mcp-client';

const PROJECT = '0f6d3c52-8a51-4f0c-9a55-6a1c2b9e7d10';
const KEY_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const SECRET = accessKeySecret();
const NUMBERS = '/v1/projects/{projectId}/activeNumbers';

let sinch: FakeSinch;
let cli: CliHome;
let mcp: McpSession;
const sinks = new Sinks();
const calls: string[] = [];

async function tool(name: string, args: Record<string, unknown> = {}) {
  calls.push(name);
  const result = await mcp.tool(name, args);
  sinks.add(`${name} ${JSON.stringify(args)}`, result.text);
  return result;
}

const request = (method: string, path = NUMBERS, extra: Record<string, unknown> = {}) =>
  tool('sinch_request', { profile: 'Acme', product: 'numbers', method, path, ...extra });

async function agentCli(args: string[]) {
  const run = await cli.run(['agent', ...args]);
  expect(run.code, run.stderr).toBe(0);
  sinks.add(`cli agent ${args.join(' ')}`, run.stdout + run.stderr);
  return run;
}

const auditEntries = (): AuditEntry[] =>
  readFileSync(join(cli.home, 'agent-audit.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

beforeAll(async () => {
  sinch = await startFakeSinch({ keys: [{ keyId: KEY_ID, keySecret: SECRET, projectId: PROJECT }] });
  cli = cliHome();
  for (const name of ['Acme', 'Closed']) {
    const added = await cli.run(['add', name, '--project-id', PROJECT, '--kind', 'access-key', '--key-id', KEY_ID], {
      stdin: `${SECRET}\n`,
    });
    expect(added.code, added.stderr).toBe(0);
    const edited = await cli.run(['edit', name, '--base-url', `numbers=${sinch.url}`, `auth=${sinch.tokenUrl}`, '--allow-host']);
    expect(edited.code, edited.stderr).toBe(0);
  }
  await agentCli(['enable', 'Acme']);
  mcp = await startMcp(cli.env);
}, 60_000);

afterAll(async () => {
  await mcp?.close();
  await sinch?.close();
  if (cli) rmSync(cli.home, { recursive: true, force: true });
});

describe('sinch-keys mcp', () => {
  it('lists its four tools', async () => {
    const { tools } = await mcp.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['env_template', 'list_profiles', 'sinch_request', 'test_credentials']);
  });

  it('shows agents only the profiles opened to them', async () => {
    const listed = await tool('list_profiles');
    expect(listed.isError).toBe(false);
    const profiles = JSON.parse(listed.text) as Array<{ name: string; products: string[]; writesAllowed: boolean }>;
    expect(profiles.map((p) => p.name)).toEqual(['Acme']);
    expect(profiles[0]?.products).toContain('numbers');
    expect(profiles[0]?.writesAllowed).toBe(false);
  });

  it('answers for a closed profile exactly as for one that does not exist', async () => {
    const closed = await tool('test_credentials', { profile: 'Closed', product: 'numbers' });
    const unknown = await tool('test_credentials', { profile: 'Nobody', product: 'numbers' });
    expect(closed.isError && unknown.isError).toBe(true);
    expect(closed.text.replaceAll('Closed', 'X')).toBe(unknown.text.replaceAll('Nobody', 'X'));
    expect(closed.text).toContain('sinch-keys agent enable Closed');
  });

  it('sends a GET to the product host with the bearer token the engine got, and returns the answer', async () => {
    const before = sinch.apiRequests.length;
    const answer = await request('GET');
    expect(answer.isError, answer.text).toBe(false);
    const reply = JSON.parse(answer.text) as { status: number; body: string; url: string };
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ projectId: PROJECT, path: `/v1/projects/${PROJECT}/activeNumbers` });
    const sent = sinch.apiRequests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers.authorization).toBe(`Bearer ${sinch.issuedTokens.at(-1)}`);
  });

  it('never lets the agent choose the host: absolute URLs are refused, odd paths stay on the product host', async () => {
    const before = sinch.requests.length;
    for (const path of ['https://evil.example/v1/projects/x/apps', 'evil.example/v1']) {
      const refused = await request('GET', path);
      expect(refused.isError, path).toBe(true);
      expect(refused.text).toContain('VALIDATION');
    }
    expect(sinch.requests.length).toBe(before);
    const odd = await request('GET', '//evil.example/v1/projects/{projectId}/apps');
    expect(odd.isError, odd.text).toBe(false);
    expect(sinch.requests.length).toBe(before + 1);
    expect(new URL(JSON.parse(odd.text).url).origin).toBe(sinch.url);
  });

  it('tests credentials and gives variable names with placeholders, never values', async () => {
    const test = await tool('test_credentials', { profile: 'Acme', product: 'numbers' });
    expect(test.isError, test.text).toBe(false);
    expect(JSON.parse(test.text)).toMatchObject({ ok: true, status: 200, diagnosis: { outcome: 'ok' } });
    const env = await tool('env_template', { profile: 'Acme', set: 'sdk' });
    expect(env.isError, env.text).toBe(false);
    expect(env.text).toContain(`SINCH_KEY_ID=${KEY_ID}`);
    expect(env.text).toContain('SINCH_KEY_SECRET=');
  });

  it('refuses a POST on a read-only profile with words that say how to allow it, and sends nothing', async () => {
    const before = sinch.requests.length;
    const refused = await request('POST', NUMBERS, { body: { phoneNumber: '+15551234567' } });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain('AGENT_REFUSED');
    expect(refused.text).toContain('sinch-keys agent enable Acme --allow-writes');
    expect(sinch.requests.length).toBe(before);
  });

  it('sends the POST once the user allows writes, and only writes on the allow-list when there is one', async () => {
    await agentCli(['enable', 'Acme', '--allow-writes']);
    const allowed = await request('POST', NUMBERS, { body: { phoneNumber: '+15551234567' } });
    expect(allowed.isError, allowed.text).toBe(false);
    expect(sinch.apiRequests.at(-1)).toMatchObject({ method: 'POST', body: '{"phoneNumber":"+15551234567"}' });

    await agentCli(['enable', 'Acme', '--allow-writes', '--allow', 'DELETE /v1/projects/*/activeNumbers/*']);
    const before = sinch.requests.length;
    const offList = await request('POST', NUMBERS, { body: {} });
    expect(offList.isError).toBe(true);
    expect(offList.text).toContain('not on the allow-list');
    const onList = await request('DELETE', '/v1/projects/{projectId}/activeNumbers/+15557654321');
    expect(onList.isError, onList.text).toBe(false);
    expect(sinch.requests.length).toBe(before + 1);
  });

  it('limits the calls per minute of a profile', async () => {
    // A fresh server: the calls of the tests before count in the same minute.
    await mcp.close();
    await agentCli(['enable', 'Acme', '--rate', '2']);
    mcp = await startMcp(cli.env);
    const answers = [await request('GET'), await request('GET'), await request('GET')];
    expect(answers.map((a) => a.isError)).toEqual([false, false, true]);
    expect(answers[2]?.text).toContain('RATE_LIMITED');
    expect(answers[2]?.text).toContain('--rate');
  });

  it('stops a running server at its next call after `agent disable`, and after `agent stop`', async () => {
    await mcp.close();
    await agentCli(['enable', 'Acme', '--rate', '60']);
    mcp = await startMcp(cli.env);
    expect((await request('GET')).isError).toBe(false);
    await agentCli(['disable', 'Acme']);
    const disabled = await request('GET');
    expect(disabled.isError).toBe(true);
    expect(disabled.text).toContain('No profile "Acme" is open to AI agents');
    expect(JSON.parse((await tool('list_profiles')).text)).toEqual([]);

    await agentCli(['enable', 'Acme']);
    await agentCli(['stop']);
    const stopped = await tool('list_profiles');
    expect(stopped.isError).toBe(true);
    expect(stopped.text).toContain('All agent access is stopped');
    await agentCli(['resume']);
    expect((await request('GET')).isError).toBe(false);
  });

  it('never passes on the token it sent, even when Sinch echoes it back', async () => {
    expect((await request('GET')).isError).toBe(false);
    const token = sinch.issuedTokens.at(-1) ?? '';
    expect(token).not.toBe('');
    sinch.script.api({
      status: 401,
      headers: { 'x-echo': `Bearer ${token}` },
      body: { echoed: { authorization: `Bearer ${token}`, token: Buffer.from(token).toString('base64') } },
    });
    const echoed = await request('GET');
    expect(echoed.text).toContain('[redacted]');
  });

  it('writes an audit entry for every call, with the client named in the handshake and no body', async () => {
    const entries = auditEntries();
    expect(entries).toHaveLength(calls.length);
    expect(entries.map((e) => e.tool)).toEqual(calls);
    expect(entries.every((e) => e.client.name === 'test-agent' && e.client.version === '9.9.9' && e.door === 'mcp')).toBe(true);
    expect(entries.filter((e) => e.decision === 'refused').map((e) => e.code)).toContain('AGENT_REFUSED');
    const post = entries.find((e) => e.method === 'POST' && e.decision === 'allowed');
    expect(post).toMatchObject({ profile: 'Acme', product: 'numbers', path: NUMBERS });
    expect(JSON.stringify(entries)).not.toContain('+15551234567');

    const log = await cli.run(['--json', 'agent', 'log', '--limit', '3']);
    expect(log.code, log.stderr).toBe(0);
    expect(log.json<{ entries: AuditEntry[] }>().entries).toEqual(entries.slice(-3));
    sinks.add('cli agent log', log.stdout);
  });

  it('leaks the planted secret and the tokens nowhere: results, stderr, audit log, user-data files', () => {
    sinks.add('mcp server stderr', mcp.stderr());
    const all = [...sinks.all, ...filesUnder(cli.home)];
    const canaries = [
      { name: 'key secret', value: SECRET, users: [KEY_ID], pieces: true },
      ...sinch.issuedTokens.map((value, i) => ({ name: `token ${i}`, value, users: [] })),
    ];
    expect(scan(all, canaries)).toEqual([]);
    expect(all.length).toBeGreaterThan(20);
  });
});
