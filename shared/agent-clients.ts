// The MCP config files of the AI clients Sinch Keys can wire up, and a merge that adds one server entry while keeping
// every other entry and field. Formats as each client documents them: Claude Desktop (claude_desktop_config.json),
// Claude Code (.mcp.json) and Cursor (mcp.json) keep servers under `mcpServers`; VS Code (.vscode/mcp.json) under
// `servers`, with an explicit `type`. No entry ever holds a secret: it runs Sinch Keys, which reads the keychain.
import type { AgentClient } from './agent';
import { AppError } from './errors';

export interface LaunchCommand {
  command: string;
  args: string[];
}

const SERVERS_KEY: Record<AgentClient, 'mcpServers' | 'servers'> = {
  'claude-desktop': 'mcpServers',
  'claude-code': 'mcpServers',
  cursor: 'mcpServers',
  vscode: 'servers',
};

/** Claude Code and VS Code name the transport; Claude Desktop and Cursor infer stdio from `command`. */
export function serverEntry(client: AgentClient, launch: LaunchCommand): Record<string, unknown> {
  const base = { command: launch.command, args: launch.args };
  return client === 'claude-code' || client === 'vscode' ? { type: 'stdio', ...base } : base;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The file's text with `entryName` set to `entry`; everything else in the file is kept as it was. */
export function mergeClientConfig(
  client: AgentClient,
  path: string,
  existing: string | null,
  entryName: string,
  entry: Record<string, unknown>,
): string {
  let config: unknown = {};
  if (existing !== null && existing.trim() !== '') {
    try {
      config = JSON.parse(existing);
    } catch {
      throw new AppError(
        'VALIDATION',
        `${path} is not plain JSON (it may hold comments), so Sinch Keys will not rewrite it.`,
        'Add the entry shown by `sinch-keys agent config` (without --write) by hand.',
      );
    }
  }
  const key = SERVERS_KEY[client];
  if (!isObject(config) || (config[key] !== undefined && !isObject(config[key])))
    throw new AppError(
      'VALIDATION',
      `${path} does not look like a ${client} MCP config (expected an object with "${key}"); it was left unchanged.`,
      'Fix or move the file, then try again.',
    );
  const servers = isObject(config[key]) ? config[key] : {};
  return `${JSON.stringify({ ...config, [key]: { ...servers, [entryName]: entry } }, null, 2)}\n`;
}
