// In the desktop app main gives the user's word, never the renderer (issue 11 item 8). The engine runs here as main
// runs it, with mainConfirms; requests go through `dispatch` exactly as the renderer's IPC calls arrive. Electron's
// dialog cannot open here, so a recorder stands in for it and answers as the user would; the save dialog's paths
// are the set main's envPathChooser fills, the folder dialog's the set its projectFolderChooser fills.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { composeEngine } from '../../core/composition';
import { type DialogTopic, mainConfirms } from '../../core/confirmations';
import { dispatch } from '../../core/engine';
import { MemorySecretStore } from '../../core/keychain';
import { SettingsStore } from '../../core/settings-store';
import type { Operation, OperationInput } from '../../shared/contract';
import { sendJson, startLocalServer } from '../support/local-server';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const KEY_ID = '3f0c6f0e-1b7a-4c2e-9f57-2a8f2f1d9b11';
const SECRET = 'desktop-key-secret';
const PROXY = 'https://proxy.example';

/** A keychain that counts reads: a refused export must not even read the secret. */
class CountingSecretStore extends MemorySecretStore {
  reads = 0;
  override async get(account: string) {
    this.reads++;
    return super.get(account);
  }
}

async function desktop() {
  const dir = mkdtempSync(join(tmpdir(), 'sinch-keys-main-confirms-'));
  dirs.push(dir);
  const answers: boolean[] = [];
  const asked: { topic: DialogTopic; values: Record<string, string> }[] = [];
  const chosenPaths = new Set<string>();
  const chosenFolders = new Set<string>();
  const secrets = new CountingSecretStore();
  const engine = composeEngine({
    settings: SettingsStore.at(dir),
    secrets,
    version: 'test',
    confirmer: mainConfirms({
      ask: async (topic, values) => {
        asked.push({ topic, values });
        return answers.shift() ?? false;
      },
      chosenPaths,
      chosenFolders,
    }),
    agentLauncher: () => ({ command: '/usr/bin/node', args: ['/opt/sinch-keys/bin/sinch-keys.mjs'] }),
  });
  const send = <O extends Operation>(op: O, input: OperationInput<O>) => dispatch(engine.handlers, op, input);
  const profile = await engine.handlers['profiles.create']({
    name: 'Acme',
    projectId: '',
    environment: 'prod',
    notes: '',
    regions: {},
    baseUrls: {},
  });
  const stored = async () => (await engine.handlers['profiles.get']({ profileId: profile.id })).baseUrls;
  return { dir, answers, asked, chosenPaths, chosenFolders, secrets, engine, send, profileId: profile.id, stored };
}

describe('in the desktop app main confirms a foreign host in its own dialog', () => {
  it("a renderer that sends allowForeignHost still gets main's dialog; No saves nothing and says why", async () => {
    const app = await desktop();
    app.answers.push(false);
    const reply = await app.send('profiles.setOverride', {
      profileId: app.profileId,
      target: 'sms',
      url: PROXY,
      allowForeignHost: true,
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(reply.ok ? '' : reply.error.message).toContain('proxy.example');
    expect(app.asked).toEqual([{ topic: 'profileSecrets', values: { host: 'proxy.example' } }]);
    expect(await app.stored()).toEqual({});
  });

  it('Yes saves the override as confirmed; saving it again asks nothing, a changed host asks again', async () => {
    const app = await desktop();
    app.answers.push(true);
    const override = { profileId: app.profileId, target: 'sms', url: PROXY, allowForeignHost: true } as const;
    expect(await app.send('profiles.setOverride', override)).toMatchObject({ ok: true });
    expect(await app.stored()).toEqual({ sms: { url: PROXY, allowForeignHost: true } });
    expect(
      await app.send('profiles.update', { profileId: app.profileId, patch: { name: 'Acme 2', baseUrls: await app.stored() } }),
    ).toMatchObject({ ok: true, value: { name: 'Acme 2' } });
    expect(app.asked).toHaveLength(1);

    const other = { ...override, url: 'https://other-proxy.example' };
    expect(await app.send('profiles.setOverride', other)).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(app.asked.map((q) => q.values.host)).toEqual(['proxy.example', 'other-proxy.example']);
    expect(await app.stored()).toEqual({ sms: { url: PROXY, allowForeignHost: true } });
  });

  it('a new or edited profile carrying a confirmed foreign override is saved only after Yes', async () => {
    const app = await desktop();
    const baseUrls = { auth: { url: 'https://tokens.example/oauth2/token', allowForeignHost: true } };
    const input = { name: 'Other', projectId: '', environment: 'prod', notes: '', regions: {}, baseUrls };
    expect(await app.send('profiles.create', input)).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect((await app.engine.handlers['profiles.list']({})).map((p) => p.name)).toEqual(['Acme']);
    expect(await app.send('profiles.update', { profileId: app.profileId, patch: { baseUrls } })).toMatchObject({
      ok: false,
      error: { code: 'CANCELLED' },
    });
    expect(await app.stored()).toEqual({});
    app.answers.push(true);
    expect(await app.send('profiles.create', input)).toMatchObject({ ok: true, value: { baseUrls } });
    expect(app.asked.map((q) => q.topic)).toEqual(['profileSecrets', 'profileSecrets', 'profileSecrets']);
  });

  it("needs no dialog for the product's own hosts, and an unconfirmed foreign override stays unconfirmed", async () => {
    const app = await desktop();
    const set = (url: string) =>
      app.send('profiles.setOverride', { profileId: app.profileId, target: 'sms', url, allowForeignHost: url !== PROXY });
    expect(await set('https://zt.eu.sms.api.sinch.com')).toMatchObject({ ok: true });
    expect(await app.stored()).toEqual({ sms: { url: 'https://zt.eu.sms.api.sinch.com', allowForeignHost: false } });
    expect(await set(PROXY)).toMatchObject({ ok: true });
    expect(await app.stored()).toEqual({ sms: { url: PROXY, allowForeignHost: false } });
    expect(app.asked).toEqual([]);
  });

  it("the Function check sends the key to a new host only after main's dialog, and remembers only a Yes", async () => {
    const app = await desktop();
    const fn = await startLocalServer((_req, res) => sendJson(res, 401, {}));
    try {
      const credential = await app.engine.handlers['credentials.add']({
        profileId: app.profileId,
        credential: { kind: 'accessKey', keyId: KEY_ID, secret: SECRET, label: '' },
      });
      const check = () =>
        app.send('request.testFunction', {
          profileId: app.profileId,
          credentialId: credential.id,
          url: `${fn.url}/hook`,
          allowForeignHost: true,
        });
      expect(await check()).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
      expect(fn.requests).toHaveLength(0);
      app.answers.push(true);
      expect(await check()).toMatchObject({ ok: true });
      expect(fn.requests).toHaveLength(2);
      const host = new URL(fn.url).host;
      expect(app.asked).toEqual([
        { topic: 'functionAccessKey', values: { host } },
        { topic: 'functionAccessKey', values: { host } },
      ]);
      expect((await app.engine.handlers['profiles.get']({ profileId: app.profileId })).functionHosts).toEqual([host]);
    } finally {
      await fn.close();
    }
  });
});

describe("in the desktop app an export goes only where main's own dialogs said", () => {
  const withKey = async () => {
    const app = await desktop();
    await app.engine.handlers['credentials.add']({
      profileId: app.profileId,
      credential: { kind: 'accessKey', keyId: KEY_ID, secret: SECRET, label: '' },
    });
    const project = join(app.dir, 'project');
    mkdirSync(project);
    const exportTo = (path: string, confirmedLinkTarget?: string) =>
      app.send('env.export', { profileId: app.profileId, path, ...(confirmedLinkTarget ? { confirmedLinkTarget } : {}) });
    return { ...app, project, exportTo };
  };

  it("refuses a path the renderer names but main's save dialog did not hand out, before a secret is read", async () => {
    const app = await withKey();
    const path = join(app.project, '.env');
    const readsBefore = app.secrets.reads;
    expect(await app.exportTo(path)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(existsSync(path)).toBe(false);
    expect(app.secrets.reads).toBe(readsBefore);

    app.chosenPaths.add(path);
    expect(await app.exportTo(path)).toMatchObject({ ok: true });
    expect(readFileSync(path, 'utf8')).toContain(`SINCH_KEY_SECRET=${SECRET}`);
  });

  it("writes through a link only after main's dialog named the real target, whatever the renderer confirmed", async () => {
    const app = await withKey();
    const target = join(app.dir, 'bashrc');
    writeFileSync(target, 'alias ll="ls -l"\n');
    const link = join(app.project, '.env');
    symlinkSync(target, link);
    app.chosenPaths.add(link);
    const real = realpathSync(target);

    expect(await app.exportTo(link, real)).toMatchObject({ ok: false, error: { code: 'EXPORT_FAILED' } });
    expect(readFileSync(target, 'utf8')).toBe('alias ll="ls -l"\n');
    expect(app.asked).toEqual([{ topic: 'linkTarget', values: { path: link, target: real } }]);

    app.answers.push(true);
    expect(await app.exportTo(link)).toMatchObject({ ok: true, value: { path: real } });
    expect(readFileSync(target, 'utf8')).toContain(`SINCH_KEY_SECRET=${SECRET}`);
  });
});

describe("in the desktop app an AI client's config is written only where main's own dialogs said", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });
  const withHome = async () => {
    const app = await desktop();
    // The user-level client files (Claude Desktop's, Cursor's) are looked up under this test's own home.
    vi.stubEnv('HOME', app.dir);
    vi.stubEnv('XDG_CONFIG_HOME', join(app.dir, '.config'));
    const project = join(app.dir, 'project');
    mkdirSync(project);
    const write = (client: 'claude-code' | 'vscode' | 'claude-desktop' | 'cursor', projectDir?: string) =>
      app.send('agent.clientConfig', { client, write: true, ...(projectDir ? { projectDir } : {}) });
    return { ...app, project, write };
  };

  it("refuses a project folder the renderer names but main's folder dialog did not hand out; nothing is written", async () => {
    const app = await withHome();
    const reply = await app.write('claude-code', app.project);
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(existsSync(join(app.project, '.mcp.json'))).toBe(false);
    expect(await app.write('vscode', app.project)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(existsSync(join(app.project, '.vscode'))).toBe(false);
    // A folder that was chosen does not open its neighbour.
    app.chosenFolders.add(join(app.dir, 'other'));
    expect(await app.write('claude-code', app.project)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(existsSync(join(app.project, '.mcp.json'))).toBe(false);
    expect(app.asked).toEqual([]);
  });

  it("writes the project config into a folder from main's folder dialog, with no further question", async () => {
    const app = await withHome();
    app.chosenFolders.add(app.project);
    expect(await app.write('claude-code', app.project)).toMatchObject({ ok: true, value: { written: true } });
    expect(JSON.parse(readFileSync(join(app.project, '.mcp.json'), 'utf8')).mcpServers['sinch-keys'].args).toEqual([
      '/opt/sinch-keys/bin/sinch-keys.mjs',
      'mcp',
    ]);
    expect(await app.write('vscode', app.project)).toMatchObject({ ok: true });
    expect(existsSync(join(app.project, '.vscode', 'mcp.json'))).toBe(true);
    expect(app.asked).toEqual([]);
  });

  it("a user-level client file is written only after main's dialog named it; No writes nothing", async () => {
    const app = await withHome();
    const claudeDesktop = join(app.dir, '.config', 'Claude', 'claude_desktop_config.json');
    // The folder the renderer sends along is not the question: Claude Desktop's file is not in the project.
    app.chosenFolders.add(app.project);
    expect(await app.write('claude-desktop', app.project)).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(existsSync(claudeDesktop)).toBe(false);
    expect(app.asked).toEqual([{ topic: 'userConfigFile', values: { path: claudeDesktop } }]);

    app.answers.push(true);
    expect(await app.write('claude-desktop')).toMatchObject({ ok: true, value: { path: claudeDesktop, written: true } });
    expect(JSON.parse(readFileSync(claudeDesktop, 'utf8')).mcpServers).toHaveProperty('sinch-keys');

    const cursor = join(app.dir, '.cursor', 'mcp.json');
    expect(await app.write('cursor')).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(existsSync(cursor)).toBe(false);
    expect(app.asked.map((q) => q.values.path)).toEqual([claudeDesktop, claudeDesktop, cursor]);
  });

  it('a preview writes nothing and asks nothing', async () => {
    const app = await withHome();
    const reply = await app.send('agent.clientConfig', { client: 'claude-code', projectDir: app.project });
    expect(reply).toMatchObject({ ok: true, value: { written: false, before: null } });
    expect(existsSync(join(app.project, '.mcp.json'))).toBe(false);
    expect(app.asked).toEqual([]);
  });
});
