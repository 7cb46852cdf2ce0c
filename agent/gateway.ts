// The one way an AI agent reaches the engine, whether it speaks MCP or plain HTTP through the proxy. Every call is
// decided from the settings file as it is at that moment (access, stop switch), counted against the profile's rate
// limit, run through the same contract as every other door (dispatch → request.test, snippets.env) and audited,
// allowed or not. Secrets are read by the engine only after the decision; what comes back is already redacted.
import type { AuditLog } from '../core/agent-audit';
import { accessOf } from '../core/agent-service';
import type { ComposedEngine } from '../core/composition';
import { dispatch } from '../core/engine';
import type { AgentTool, AuditEntry } from '../shared/agent';
import { decide, normalisedPath, RateLimiter, rateLimited, stoppedDecision } from '../shared/agent-policy';
import { PRODUCTS, type ProductId, productsForKind } from '../shared/catalog';
import type { Operation, OperationInput, Replies } from '../shared/contract';
import type { EnvSet } from '../shared/env-vars';
import { AppError, toErrorData } from '../shared/errors';
import { type Profile, sameProfileName } from '../shared/profile';

export interface ClientInfo {
  name: string;
  version: string;
}

export interface GatewayOptions {
  engine: ComposedEngine;
  audit: AuditLog;
  door: AuditEntry['door'];
  /** Who is calling, as the MCP handshake or the proxy request says (not a proof of identity, only a record). */
  client: () => ClientInfo;
  now?: () => number;
  /** Serve this profile only (name or id), whatever else is open to agents. */
  only?: string;
}

export interface AgentRequest {
  profile: string;
  product: ProductId;
  method: string;
  path: string;
  query?: Record<string, string | number | boolean>;
  body?: string;
  contentType?: string;
}

export interface AgentResponse {
  status?: number;
  url: string;
  headers: Record<string, string>;
  body: string;
  truncated: boolean;
  latencyMs: number;
}

export interface OpenProfile {
  name: string;
  environment: string;
  projectId: string;
  credentialKinds: string[];
  products: ProductId[];
  regions: Partial<Record<ProductId, string>>;
  writesAllowed: boolean;
  allowList: string[];
}

const sameProfile = (profile: Profile, ref: string) => profile.id === ref || sameProfileName(profile.name, ref);

async function call<O extends Operation>(engine: ComposedEngine, op: O, input: OperationInput<O>): Promise<Replies[O]> {
  const result = await dispatch(engine.handlers, op, input);
  if (!result.ok) throw AppError.of(result.error);
  return result.value;
}

function withQuery(path: string, query: AgentRequest['query']): string {
  if (!query || Object.keys(query).length === 0) return path;
  const search = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
  return `${path}${path.includes('?') ? '&' : '?'}${search}`;
}

function credentialFor(profile: Profile, productId: ProductId) {
  const product = PRODUCTS[productId];
  const credential = profile.credentials.find((c) => c.kind === product.credentialKind);
  if (!credential)
    throw new AppError(
      'NOT_FOUND',
      `Profile "${profile.name}" has no credential for ${product.name}.`,
      'Call list_profiles to see which products each profile can call.',
    );
  return credential;
}

export function createGateway(options: GatewayOptions) {
  const { engine, audit, door } = options;
  const now = options.now ?? Date.now;
  const limiter = new RateLimiter(now);

  const visible = (profile: Profile) => options.only === undefined || sameProfile(profile, options.only);

  /** Decides a call against the file as it is now; throws the refusal. Nothing has been read or sent yet. */
  const admit = (ref: string, method: string, path: string): Profile => {
    const settings = engine.settings.read();
    const profile = settings.profiles.find((p) => sameProfile(p, ref) && visible(p));
    // An unknown profile and a closed one get the same answer, so an agent learns nothing about closed profiles.
    const decision = decide(settings.agentsStopped === true, profile && accessOf(profile), {
      profileName: profile?.name ?? ref,
      method,
      path,
    });
    if (!decision.allowed) throw decision.error;
    const { ratePerMinute } = accessOf(profile as Profile);
    const wait = limiter.take((profile as Profile).id, ratePerMinute);
    if (wait > 0) throw rateLimited((profile as Profile).name, ratePerMinute, wait);
    return profile as Profile;
  };

  /** Runs a call and appends its audit entry, whatever the outcome. */
  const audited = async <T>(
    tool: AgentTool,
    fields: Pick<AuditEntry, 'profile' | 'product' | 'method' | 'path'>,
    run: () => Promise<T>,
    statusOf: (value: T) => number | undefined = () => undefined,
    client: ClientInfo = options.client(),
  ): Promise<T> => {
    const started = now();
    const entry = () => ({ time: new Date(started).toISOString(), door, client, tool, ...fields });
    let value: T;
    try {
      value = await run();
    } catch (err) {
      engine.errorLog.report(`the agent door (${door} ${tool})`, err);
      const { code } = toErrorData(err);
      const refused = code === 'AGENT_REFUSED' || code === 'RATE_LIMITED';
      audit.append({ ...entry(), decision: refused ? 'refused' : 'failed', code, latencyMs: now() - started });
      throw err;
    }
    const status = statusOf(value);
    audit.append({ ...entry(), decision: 'allowed', ...(status === undefined ? {} : { status }), latencyMs: now() - started });
    return value;
  };

  return {
    listProfiles: (): Promise<OpenProfile[]> =>
      audited('list_profiles', {}, async () => {
        const settings = engine.settings.read();
        const running = stoppedDecision(settings.agentsStopped === true);
        if (!running.allowed) throw running.error;
        return settings.profiles
          .filter((p) => accessOf(p).enabled && visible(p))
          .map((p) => {
            const kinds = [...new Set(p.credentials.map((c) => c.kind))];
            const access = accessOf(p);
            return {
              name: p.name,
              environment: p.environment,
              projectId: p.projectId,
              credentialKinds: kinds,
              products: kinds.flatMap((k) => productsForKind(k).map((product) => product.id)),
              regions: p.regions,
              writesAllowed: access.allowWrites,
              allowList: access.allowList,
            };
          });
      }),

    testCredentials: (ref: string, productId: ProductId) =>
      audited(
        'test_credentials',
        { profile: ref, product: productId, method: 'GET' },
        async () => {
          const profile = admit(ref, 'GET', '/');
          const result = await call(engine, 'request.test', {
            profileId: profile.id,
            credentialId: credentialFor(profile, productId).id,
            productId,
          });
          const { title, explanation, fix, outcome } = result.diagnosis;
          return {
            ok: result.ok,
            status: result.status,
            url: result.url,
            latencyMs: result.latencyMs,
            diagnosis: { outcome, title, explanation, ...(outcome === 'ok' ? {} : { fix }) },
          };
        },
        (v) => v.status,
      ),

    /** `client` names the caller when one gateway serves several (the proxy's User-Agent per request). */
    request: (tool: AgentTool, input: AgentRequest, client?: ClientInfo): Promise<AgentResponse> => {
      const method = input.method.toUpperCase();
      return audited(
        tool,
        { profile: input.profile, product: input.product, method, path: safePath(input.path) },
        async () => {
          const profile = admit(input.profile, method, input.path);
          const result = await call(engine, 'request.test', {
            profileId: profile.id,
            credentialId: credentialFor(profile, input.product).id,
            productId: input.product,
            custom: {
              method: method as 'GET',
              path: withQuery(input.path, input.query),
              ...(input.body !== undefined && input.body !== '' ? { body: input.body } : {}),
              ...(input.contentType ? { contentType: input.contentType } : {}),
            },
          });
          if (result.status === undefined) {
            const d = result.diagnosis;
            throw new AppError('NETWORK', `${d.title}: ${d.explanation}`, d.fix);
          }
          return {
            status: result.status,
            url: result.url,
            headers: result.responseHeaders,
            body: result.body,
            truncated: result.truncated,
            latencyMs: result.latencyMs,
          };
        },
        (v) => v.status,
        client,
      );
    },

    envTemplate: (ref: string, set: EnvSet) =>
      audited('env_template', { profile: ref }, async () => {
        const profile = admit(ref, 'GET', '/');
        // Placeholders only: the secrets are never read for a template.
        const snippet = await call(engine, 'snippets.env', {
          profileId: profile.id,
          syntax: 'dotenv',
          set,
          includeSecrets: false,
        });
        return { set, dotenv: snippet.text };
      }),
  };
}

export type Gateway = ReturnType<typeof createGateway>;

/** The path for the audit file: normalised, without the query (which may carry phone numbers or other data). */
function safePath(path: string): string {
  try {
    return normalisedPath(path);
  } catch {
    return '(unparsable path)';
  }
}
