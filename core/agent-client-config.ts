// Where each AI client keeps its MCP config, and the atomic write of a merged one (temp file + rename in the same
// folder, the file's own mode kept), so a crash never leaves a client with half a config.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import type { AgentClient } from '../shared/agent';
import { AppError } from '../shared/errors';

export interface ClientPlaces {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
  /** The project the user works in: Claude Code and VS Code read a project-level file. */
  projectDir?: string;
}

export const defaultPlaces = (projectDir?: string): ClientPlaces => ({
  env: process.env,
  platform: process.platform,
  home: homedir(),
  ...(projectDir ? { projectDir } : {}),
});

function claudeDesktopDir({ env, platform, home }: ClientPlaces): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Claude');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Claude');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Claude');
}

function projectDirOf(places: ClientPlaces, client: AgentClient): string {
  const dir = places.projectDir;
  if (!dir || !isAbsolute(dir))
    throw new AppError(
      'VALIDATION',
      `${client === 'vscode' ? 'VS Code' : 'Claude Code'} reads its MCP servers from the project folder: choose the project's folder.`,
    );
  return dir;
}

export function clientConfigPath(client: AgentClient, places: ClientPlaces): string {
  switch (client) {
    case 'claude-desktop':
      return join(claudeDesktopDir(places), 'claude_desktop_config.json');
    case 'claude-code':
      return join(projectDirOf(places, client), '.mcp.json');
    case 'cursor':
      return join(places.home, '.cursor', 'mcp.json');
    case 'vscode':
      return join(projectDirOf(places, client), '.vscode', 'mcp.json');
  }
}

export const readConfigText = (path: string): string | null => (existsSync(path) ? readFileSync(path, 'utf8') : null);

export function writeConfigAtomically(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const mode = existsSync(path) ? statSync(path).mode & 0o777 : 0o600;
    const temp = `${path}.sinch-keys-${process.pid}.tmp`;
    writeFileSync(temp, text, { mode });
    chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (err) {
    throw new AppError(
      'EXPORT_FAILED',
      `Could not write ${path}: ${(err as NodeJS.ErrnoException).code ?? 'write error'}.`,
      'Check the folder is writable, or add the entry by hand.',
    );
  }
}
