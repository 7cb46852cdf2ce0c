// The AI agents screens in browser mode: the switch on a profile, the global stop switch, the activity view and the
// "Connect an AI agent" dialog, driven in Chromium over the real engine; what they change is read back from the
// settings file and the client config file the engine wrote.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROXY_TOKEN_HEADER } from '../../agent/proxy';
import { auditLogFor } from '../../core/agent-service';
import { dispatch } from '../../core/engine';
import { BIN, cleanEnv } from '../support/cli';
import { type BrowserApp, startBrowserApp } from './support/browser-app';
import { textOf } from './support/journey';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let app: BrowserApp;
const settings = () => app.engine.settings.read();

const KEY = {
  keyId: '5a1d3e7c-2b9f-4e60-8c4d-1f7e9a2b6c35',
  keySecret: 'agents-view-secret-7Hq2',
  projectId: '3f6c2a1e-8b4d-4c7a-9e21-5d0b7f9a4c13',
};

beforeAll(async () => {
  app = await startBrowserApp({ keys: [KEY], rendererDir: join(ROOT, 'dist', 'renderer') });
  await app.engine.profiles.create({ name: 'Acme', projectId: KEY.projectId });
  await app.page.goto(app.server.launchUrl);
}, 60_000);

/** `sinch-keys proxy` as its own process over the app's profiles; resolves once it printed where it listens. */
async function proxyProcess(profile: string) {
  const child = spawn(process.execPath, [BIN, '--json', 'proxy', profile], {
    env: cleanEnv(app.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const info = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0] ?? ''));
    });
    child.on('exit', (code) => reject(new Error(`proxy exited with ${code}`)));
  });
  const get = async (path: string) => {
    const answer = await fetch(`${info.url}/numbers${path}`, { headers: { [PROXY_TOKEN_HEADER]: info.token } });
    return { status: answer.status, body: await answer.text() };
  };
  const stop = () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    return exited;
  };
  return { get, stop };
}

afterAll(async () => {
  await app?.close();
});

describe('AI agents in the UI', () => {
  it('opens a profile to agents with the switch on the profile, and closes it again', async () => {
    const toggle = app.page.getByTestId('agent-switch');
    // The switches show what the engine stored, so they change after its answer: click, then read the file.
    await toggle.click();
    await expect.poll(() => settings().profiles[0]?.agent?.enabled).toBe(true);
    await expect.poll(() => toggle.isChecked()).toBe(true);
    expect(settings().profiles[0]?.agent?.allowWrites).toBe(false);
    await toggle.click();
    await expect.poll(() => settings().profiles[0]?.agent?.enabled).toBe(false);
  });

  it('stops and resumes all agent access from the AI agents view', async () => {
    await app.page.getByTestId('nav-agents').click();
    const global = app.page.getByTestId('agents-global');
    await expect.poll(() => global.isChecked()).toBe(true);
    await global.click();
    await expect.poll(() => settings().agentsStopped).toBe(true);
    await expect.poll(() => global.isChecked()).toBe(false);
    await global.click();
    await expect.poll(() => settings().agentsStopped).toBe(false);
  });

  it("closes a profile to a proxy running in another process with the profile's switch, from its next request", async () => {
    const acme = app.engine.profiles.list()[0];
    if (!acme) throw new Error('no profile');
    await app.engine.profiles.addCredential(acme.id, { kind: 'accessKey', keyId: KEY.keyId, secret: KEY.keySecret, label: '' });
    for (const [target, url] of [
      ['numbers', app.fake.url],
      ['auth', app.fake.tokenUrl],
    ] as const) {
      const set = await dispatch(app.engine.handlers, 'profiles.setOverride', {
        profileId: acme.id,
        target,
        url,
        allowForeignHost: true,
      });
      expect(set.ok, JSON.stringify(set)).toBe(true);
    }
    await app.page.getByTestId('nav-profiles').click();
    const proxy = await proxyProcess('Acme');
    try {
      const path = `/v1/projects/${KEY.projectId}/activeNumbers`;
      const toggle = app.page.getByTestId('agent-switch');
      expect((await proxy.get(path)).status).toBe(403);
      await toggle.click();
      await expect.poll(() => settings().profiles[0]?.agent?.enabled).toBe(true);
      const open = await proxy.get(path);
      expect(open.status, open.body).toBe(200);
      await toggle.click();
      await expect.poll(() => settings().profiles[0]?.agent?.enabled).toBe(false);
      const closed = await proxy.get(path);
      expect(closed.status).toBe(403);
      expect(JSON.parse(closed.body)).toMatchObject({ error: { code: 'AGENT_REFUSED' } });
    } finally {
      await proxy.stop();
      await app.page.getByTestId('nav-agents').click();
    }
  });

  it('shows what agents did, from the audit log', async () => {
    auditLogFor(app.engine.settings).append({
      time: new Date().toISOString(),
      door: 'mcp',
      client: { name: 'claude-code', version: '2.0.1' },
      tool: 'sinch_request',
      profile: 'Acme',
      product: 'numbers',
      method: 'POST',
      path: '/v1/projects/{projectId}/activeNumbers',
      decision: 'refused',
      code: 'AGENT_REFUSED',
      latencyMs: 0,
    });
    await app.page.getByTestId('agents-refresh').click();
    const row = app.page.getByTestId('agents-activity-row').first();
    await textOf(row, (t) => t.includes('claude-code') && t.includes('POST /v1/projects/{projectId}/activeNumbers'));
    expect(await row.textContent()).toContain('Refused (AGENT_REFUSED)');
  });

  it('previews the client config change and writes it only when asked', async () => {
    await app.page.getByTestId('agent-connect').click();
    const dialog = app.page.getByTestId('agent-connect-dialog');
    await dialog.getByTestId('agent-client').selectOption('claude-code');
    await dialog.getByTestId('agent-project-dir').fill(app.dir);
    await dialog.getByTestId('agent-preview').click();
    await textOf(dialog.getByTestId('agent-preview-after'), (t) => t.includes('"mcpServers"') && t.includes('"mcp"'));
    const path = join(app.dir, '.mcp.json');
    expect(() => readFileSync(path)).toThrow();
    await dialog.getByTestId('agent-write').click();
    await textOf(dialog.getByTestId('agent-preview-result'), (t) => t.includes('Added'));
    // It runs this Node.js and the checkout's CLI by absolute path, never a `sinch-keys` the client may not find.
    expect(JSON.parse(readFileSync(path, 'utf8')).mcpServers['sinch-keys']).toEqual({
      type: 'stdio',
      command: process.execPath,
      args: [BIN, 'mcp'],
    });
  });
});
