// The agent door's entry point, bundled on its own (dist/agent/) and loaded by the CLI only for `mcp` and `proxy`, so
// the MCP SDK never slows down other commands. It opens the same saved profiles and keychain as every other door.
// What it gives back to the CLI are results, never throws: the two bundles each have their own AppError class, so an
// error thrown across would lose its code and reach the user as INTERNAL.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { auditLogFor } from '../core/agent-service';
import { openDefaultEngine, readBootConfig } from '../core/bootstrap';
import type { ComposedEngine } from '../core/composition';
import { UnexpectedErrorLog } from '../core/error-log';
import { nodeFetch } from '../core/node-fetch';
import type { AgentDoor } from '../shared/agent';
import { attempt } from '../shared/errors';
import { createGateway } from './gateway';
import { createMcpServer } from './mcp-server';
import { startProxy } from './proxy';

const toStderr = (text: string) => void process.stderr.write(text);

/**
 * The user's engine for an agent door. Unexpected errors are written to stderr, redacted, as the desktop app and
 * browser mode do: an MCP client keeps its servers' stderr as their log, and the proxy runs in a terminal.
 */
export function openAgentEngine(env: NodeJS.ProcessEnv, version: string, logTo: (text: string) => void = toStderr) {
  return openDefaultEngine(readBootConfig(env), version, { fetch: nodeFetch(env), errorLog: new UnexpectedErrorLog(logTo) });
}

/** The MCP server over one engine, serving every open profile or only `profile`. */
export function agentMcpServer(engine: ComposedEngine, version: string, profile?: string) {
  return createMcpServer(
    (mcp) =>
      createGateway({
        engine,
        audit: auditLogFor(engine.settings),
        door: 'mcp',
        client: () => {
          const info = mcp.server.getClientVersion();
          return { name: info?.name ?? 'unknown', version: info?.version ?? '' };
        },
        ...(profile ? { only: profile } : {}),
      }),
    version,
  );
}

export const door: AgentDoor = {
  runMcp: ({ env, version, profile }) =>
    attempt(async () => {
      const server = agentMcpServer(openAgentEngine(env, version), version, profile);
      const transport = new StdioServerTransport();
      const closed = new Promise<void>((resolve) => {
        transport.onclose = () => resolve();
        process.stdin.once('end', () => resolve());
      });
      await server.connect(transport);
      await closed;
    }),

  runProxy: ({ env, version, profile, port }) =>
    attempt(async () => {
      const engine = openAgentEngine(env, version);
      // The profile must exist now; whether agents may use it is decided again on every request.
      const name = engine.profiles.find(profile).name;
      return startProxy({ engine, profile: name, ...(port === undefined ? {} : { port }) });
    }),
};
