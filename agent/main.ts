// The agent door's entry point, bundled on its own (dist/agent/) and loaded by the CLI only for `mcp` and `proxy`, so
// the MCP SDK never slows down other commands. It opens the same saved profiles and keychain as every other door.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { auditLogFor } from '../core/agent-service';
import { openDefaultEngine, readBootConfig } from '../core/bootstrap';
import type { AgentDoor } from '../shared/agent';
import { createGateway } from './gateway';
import { createMcpServer } from './mcp-server';
import { startProxy } from './proxy';

export const door: AgentDoor = {
  async runMcp({ env, version, profile }) {
    const engine = openDefaultEngine(readBootConfig(env), version);
    const server = createMcpServer(
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
    const transport = new StdioServerTransport();
    const closed = new Promise<void>((resolve) => {
      transport.onclose = () => resolve();
      process.stdin.once('end', () => resolve());
    });
    await server.connect(transport);
    await closed;
  },

  async runProxy({ env, version, profile, port }) {
    const engine = openDefaultEngine(readBootConfig(env), version);
    // The profile must exist now; whether agents may use it is decided again on every request.
    const name = engine.profiles.find(profile).name;
    return startProxy({ engine, profile: name, ...(port === undefined ? {} : { port }) });
  },
};
