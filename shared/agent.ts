// The agent door's data (issue 15): audit entries, the access overview the UI and CLI show, client config previews,
// and the interface between the CLI bundle and the agent bundle it loads for `mcp` and `proxy`.
import { z } from 'zod';
import type { Result } from './errors';
import type { AgentAccess } from './profile';

export const AGENT_TOOLS = ['list_profiles', 'test_credentials', 'sinch_request', 'env_template', 'proxy'] as const;
export type AgentTool = (typeof AGENT_TOOLS)[number];

/** One line of the audit file: who asked for what and what was decided. Never a secret, token or body. */
export const auditEntrySchema = z.object({
  time: z.string(),
  door: z.enum(['mcp', 'proxy']),
  client: z.object({ name: z.string(), version: z.string() }),
  tool: z.enum(AGENT_TOOLS),
  profile: z.string().optional(),
  product: z.string().optional(),
  method: z.string().optional(),
  path: z.string().optional(),
  status: z.number().optional(),
  decision: z.enum(['allowed', 'refused', 'failed']),
  /** The error code of a refused or failed call. */
  code: z.string().optional(),
  latencyMs: z.number(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export interface AgentProfileAccess {
  profileId: string;
  name: string;
  environment: string;
  access: AgentAccess;
}

export interface AgentStatus {
  /** The global "stop all agent access" switch. */
  stopped: boolean;
  auditPath: string | null;
  profiles: AgentProfileAccess[];
}

export interface AgentActivity {
  entries: AuditEntry[];
  /** Lines of the audit file that are not audit entries (edited or cut by hand); said, never hidden. */
  unreadable: number;
}

export const AGENT_CLIENTS = ['claude-desktop', 'claude-code', 'cursor', 'vscode'] as const;
export type AgentClient = (typeof AGENT_CLIENTS)[number];
/** Clients whose MCP config lives in the project folder; the others keep one file per user. */
export const isProjectScoped = (client: AgentClient): boolean => client === 'claude-code' || client === 'vscode';
export const AGENT_SERVERS = ['sinch-keys', 'sinch-mcp'] as const;
export type AgentServer = (typeof AGENT_SERVERS)[number];

export interface ClientConfigPreview {
  client: AgentClient;
  path: string;
  /** The file as it is now; null when it does not exist yet. */
  before: string | null;
  after: string;
  entryName: string;
  written: boolean;
}

export interface McpLaunch {
  env: Record<string, string | undefined>;
  version: string;
  /** Serve this profile only (the client config was made for it). */
  profile?: string;
}

export interface ProxyLaunch {
  env: Record<string, string | undefined>;
  version: string;
  profile: string;
  port?: number;
}

export interface ProxyHandle {
  url: string;
  token: string;
  close(): Promise<void>;
}

/**
 * What the agent bundle exports; the CLI loads it only for `mcp` and `proxy`, so other commands start as fast as before.
 * Failures come back as results: an AppError thrown from one bundle is not an AppError of the other.
 */
export interface AgentDoor {
  /** Resolves when the client closes the connection. */
  runMcp(launch: McpLaunch): Promise<Result<void>>;
  runProxy(launch: ProxyLaunch): Promise<Result<ProxyHandle>>;
}
