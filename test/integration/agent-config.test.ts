// `sinch-keys agent config`: the entry each AI client needs to run Sinch Keys' MCP server (or Sinch's own, fed from
// the keychain), merged into the client's real config file without losing what the user already had. The files
// below follow each client's documented format, with other servers and settings the merge must keep.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentClient, ClientConfigPreview } from '../../shared/agent';
import { mergeClientConfig } from '../../shared/agent-clients';
import { BIN, type CliHome, cliHome } from '../support/cli';

const SECRET = 'kS3cr3t-from-the-dashboard_42';
const OTHER_SERVER = { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/home/me'] };

/** Each client's file as a user has it: another server, plus settings the client keeps next to its servers. */
const EXISTING: Record<AgentClient, { file: string; key: string; text: object }> = {
  'claude-desktop': {
    file: '.config/Claude/claude_desktop_config.json',
    key: 'mcpServers',
    text: { mcpServers: { filesystem: OTHER_SERVER }, globalShortcut: 'Ctrl+Space' },
  },
  'claude-code': {
    file: 'project/.mcp.json',
    key: 'mcpServers',
    text: { mcpServers: { filesystem: { type: 'stdio', ...OTHER_SERVER, env: {} } } },
  },
  cursor: { file: '.cursor/mcp.json', key: 'mcpServers', text: { mcpServers: { filesystem: OTHER_SERVER } } },
  vscode: {
    file: 'project/.vscode/mcp.json',
    key: 'servers',
    text: {
      inputs: [{ type: 'promptString', id: 'api-key', description: 'API key', password: true }],
      servers: { filesystem: { type: 'stdio', ...OTHER_SERVER } },
    },
  },
};

let cli: CliHome;

beforeAll(async () => {
  cli = cliHome();
  const added = await cli.run(['add', 'Acme prod', '--kind', 'access-key', '--key-id', '7c9e6679-7425-40de-944b-e07fc1f90ae7'], {
    stdin: `${SECRET}\n`,
  });
  expect(added.code, added.stderr).toBe(0);
});

afterAll(() => rmSync(cli.home, { recursive: true, force: true }));

/** A fresh home and project for each run, so XDG_CONFIG_HOME, HOME and the project folder are the test's own. */
function place() {
  const home = mkdtempSync(join(tmpdir(), 'sinch-keys-home-'));
  mkdirSync(join(home, 'project'));
  return { home, env: { HOME: home, XDG_CONFIG_HOME: join(home, '.config') }, project: join(home, 'project') };
}

describe('sinch-keys agent config --write', () => {
  for (const client of Object.keys(EXISTING) as AgentClient[]) {
    it(`merges into an existing ${client} config, keeping every other entry and setting`, async () => {
      const { home, env, project } = place();
      const { file, key, text } = EXISTING[client];
      const path = join(home, file);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, JSON.stringify(text, null, 2), { mode: 0o640 });

      const run = await cli.run(['--json', 'agent', 'config', '--client', client, '--write', '--project-dir', project], { env });
      expect(run.code, run.stderr).toBe(0);
      const preview = run.json<ClientConfigPreview>();
      expect(preview).toMatchObject({ path, written: true, entryName: 'sinch-keys' });

      const after = JSON.parse(readFileSync(path, 'utf8'));
      const { [key]: servers, ...rest } = after;
      const { [key]: oldServers, ...oldRest } = text as Record<string, Record<string, unknown>>;
      expect(rest).toEqual(oldRest);
      expect(servers.filesystem).toEqual(oldServers?.filesystem);
      expect(servers['sinch-keys']).toEqual({
        ...(client === 'claude-code' || client === 'vscode' ? { type: 'stdio' } : {}),
        command: process.execPath,
        args: [BIN, 'mcp'],
      });
      expect(statSync(path).mode & 0o777).toBe(0o640);
      expect(readFileSync(path, 'utf8')).not.toContain(SECRET);
      rmSync(home, { recursive: true, force: true });
    });
  }

  it("creates the file when the client has none, and points Sinch's own server at the keychain", async () => {
    const { home, env } = place();
    const run = await cli.run(
      ['--json', 'agent', 'config', '--client', 'cursor', '--server', 'sinch-mcp', '--profile', 'Acme prod', '--write'],
      {
        env,
      },
    );
    expect(run.code, run.stderr).toBe(0);
    const written = JSON.parse(readFileSync(join(home, '.cursor', 'mcp.json'), 'utf8'));
    expect(written.mcpServers['sinch-mcp-acme-prod']).toEqual({
      command: process.execPath,
      args: [BIN, 'exec', 'Acme prod', '--set', 'sinch-mcp', '--', 'npx', '-y', '@sinch/mcp'],
    });
    expect(statSync(join(home, '.cursor', 'mcp.json')).mode & 0o777).toBe(0o600);
    rmSync(home, { recursive: true, force: true });
  });

  it('without --write only shows the file as it would become', async () => {
    const { home, env } = place();
    const run = await cli.run(['agent', 'config', '--client', 'claude-desktop', '--profile', 'Acme prod'], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('claude_desktop_config.json would become');
    expect(run.stdout).toContain('"sinch-keys-acme-prod"');
    expect(run.stdout).toContain('"--profile",\n        "Acme prod"');
    expect(() => statSync(join(home, '.config', 'Claude'))).toThrow();
    rmSync(home, { recursive: true, force: true });
  });

  it('leaves a file it cannot read as plain JSON (VS Code allows comments) untouched and says why', async () => {
    const { env, project } = place();
    const path = join(project, '.vscode', 'mcp.json');
    mkdirSync(join(project, '.vscode'));
    const commented = '// my servers\n{ "servers": {} }\n';
    writeFileSync(path, commented);
    const run = await cli.run(['agent', 'config', '--client', 'vscode', '--write', '--project-dir', project], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not plain JSON');
    expect(readFileSync(path, 'utf8')).toBe(commented);
  });
});

describe('mergeClientConfig', () => {
  const entry = { command: 'node', args: ['sinch-keys', 'mcp'] };

  it('replaces its own entry on a second run instead of adding another', () => {
    const once = mergeClientConfig('cursor', 'mcp.json', null, 'sinch-keys', entry);
    const twice = mergeClientConfig('cursor', 'mcp.json', once, 'sinch-keys', { ...entry, args: ['x'] });
    expect(JSON.parse(twice)).toEqual({ mcpServers: { 'sinch-keys': { command: 'node', args: ['x'] } } });
  });

  it('refuses a file whose servers are not an object, rather than overwrite them', () => {
    expect(() => mergeClientConfig('vscode', 'mcp.json', '{"servers": []}', 'sinch-keys', entry)).toThrow(/left unchanged/);
    expect(() => mergeClientConfig('cursor', 'mcp.json', '[]', 'sinch-keys', entry)).toThrow(/left unchanged/);
  });
});
