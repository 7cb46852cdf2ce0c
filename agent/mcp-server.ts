// `sinch-keys mcp`: the MCP server AI agents talk to over stdio, built on the official SDK. It has four tools and no
// secret: each tool is a call through the gateway (policy, rate limit, audit, the engine's redaction), and a refused
// or failed call is a tool error (isError) whose words say why and what the user can do.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { PRODUCT_IDS } from '../shared/catalog';
import { envSetSchema } from '../shared/contract';
import { toErrorData } from '../shared/errors';
import type { Gateway } from './gateway';

const profile = z.string().min(1).max(100).describe('Profile name, as list_profiles shows it');
const product = z.enum(PRODUCT_IDS).describe('Sinch product; the host comes from it and the profile region');
const MAX_BODY = 1_000_000;

async function reply(run: () => Promise<unknown>): Promise<CallToolResult> {
  try {
    return { content: [{ type: 'text', text: JSON.stringify(await run(), null, 2) }] };
  } catch (err) {
    const { code, message, hint } = toErrorData(err);
    return { isError: true, content: [{ type: 'text', text: `${code}: ${message}${hint ? `\n${hint}` : ''}` }] };
  }
}

const bodyText = (body: unknown): string | undefined =>
  body === undefined || typeof body === 'string' ? body : JSON.stringify(body);

export function createMcpServer(makeGateway: (server: McpServer) => Gateway, version: string): McpServer {
  const server = new McpServer(
    { name: 'sinch-keys', version },
    {
      instructions:
        'Calls Sinch APIs with credentials the user keeps in Sinch Keys. You never see a secret: Sinch Keys adds ' +
        'authentication. Call list_profiles first. Profiles are read-only (GET/HEAD) unless the user allowed writes.',
    },
  );
  const gateway = makeGateway(server);

  server.registerTool(
    'list_profiles',
    {
      description: 'Profiles the user opened to agents: name, environment, project ID, credential kinds, products, regions.',
      annotations: { readOnlyHint: true },
    },
    () => reply(() => gateway.listProfiles()),
  );

  server.registerTool(
    'test_credentials',
    {
      description: "Runs the product's safe read-only test request with the profile's credentials and explains the answer.",
      inputSchema: { profile, product },
      annotations: { readOnlyHint: true },
    },
    (args) => reply(() => gateway.testCredentials(args.profile, args.product)),
  );

  server.registerTool(
    'sinch_request',
    {
      description:
        'Sends one request to a Sinch API with the profile credentials added by Sinch Keys. The path is relative to ' +
        "the product host and may use {projectId}. Methods other than GET/HEAD need the user's permission.",
      inputSchema: {
        profile,
        product,
        method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']),
        path: z.string().min(1).max(2048).describe('e.g. /v1/projects/{projectId}/activeNumbers'),
        query: z.record(z.string().max(200), z.union([z.string().max(2000), z.number(), z.boolean()])).optional(),
        body: z
          .union([z.string().max(MAX_BODY), z.record(z.string(), z.unknown()), z.array(z.unknown())])
          .optional()
          .describe('JSON body (object or string)'),
      },
    },
    (args) =>
      reply(() =>
        gateway.request('sinch_request', {
          profile: args.profile,
          product: args.product,
          method: args.method,
          path: args.path,
          ...(args.query ? { query: args.query } : {}),
          ...(args.body !== undefined ? { body: bodyText(args.body) } : {}),
        }),
      ),
  );

  server.registerTool(
    'env_template',
    {
      description: "The environment variable names a profile's credentials use, with placeholders instead of values.",
      inputSchema: { profile, set: envSetSchema.default('sdk') },
      annotations: { readOnlyHint: true },
    },
    (args) => reply(() => gateway.envTemplate(args.profile, args.set)),
  );

  return server;
}
