// The official MCP client over stdio, driving the built `sinch-keys mcp` as an AI client would.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { BIN } from './cli';

export interface McpSession {
  client: Client;
  /** What the server wrote to stderr (it must never hold a secret either). */
  stderr: () => string;
  /** A tool call's text and whether it was a tool error. */
  tool(name: string, args?: Record<string, unknown>): Promise<{ isError: boolean; text: string }>;
  close(): Promise<void>;
}

export async function startMcp(env: NodeJS.ProcessEnv, args: string[] = []): Promise<McpSession> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, 'mcp', ...args],
    env: env as Record<string, string>,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (d) => {
    stderr += d;
  });
  const client = new Client({ name: 'test-agent', version: '9.9.9' });
  await client.connect(transport);
  return {
    client,
    stderr: () => stderr,
    async tool(name, toolArgs = {}) {
      const result = await client.callTool({ name, arguments: toolArgs });
      const content = result.content as Array<{ type: string; text?: string }>;
      return { isError: result.isError === true, text: content.map((c) => c.text ?? '').join('\n') };
    },
    close: () => client.close(),
  };
}
