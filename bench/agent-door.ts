// The agent door's cost (issue 15). Proxy: the same Numbers GET sent straight to the fake Sinch with the bearer
// token (what a tool holding the token would do) and through `sinch-keys proxy` (token check, policy from the
// settings file, rate limit, engine request with auth and redaction, audit line). The fake Sinch speaks HTTPS, as
// Sinch does, with a certificate both sides trust explicitly; both sides send with undici's fetch on kept-alive
// connections, alternating, and the figure is p50 (p95 shown). The same pair against a fake 30 ms away puts the added
// time next to a real round trip. MCP: `sinch_request` through the official client and server linked in memory,
// against the same `request.test` dispatched to the engine alone.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { Agent, fetch as undiciFetch } from 'undici';
import { agentMcpServer } from '../agent/main';
import { PROXY_TOKEN_HEADER, startProxy } from '../agent/proxy';
import { dispatch } from '../core/engine';
import type { FetchLike } from '../core/ports';
import type { ProxyHandle } from '../shared/agent';
import { loopbackCertificate } from '../test/support/test-ca';
import { type AccessKeyFixture, accessKeyFixture } from './engine-fixture';
import { type BenchOptions, type Figure, median, ms, percentile, ratio, timed } from './support';

const PROXY = 'Proxy overhead: a GET through `sinch-keys proxy` vs the same GET sent directly, HTTPS on loopback, p50';
const PROXY_FAR = 'Proxy overhead with the fake Sinch 30 ms away (a nearby region), p50';
const MCP = 'MCP `sinch_request` round trip (client ↔ server in memory) vs the engine call alone, p50';
const FAR_MS = 30;

/** undici's fetch over one kept-alive pool; `ca` is the one certificate it trusts besides the system's. */
function pooledFetch(ca?: string): FetchLike {
  const dispatcher = new Agent(ca ? { connect: { ca } } : {});
  // undici's Response is the class Node's global fetch returns; only the type declarations differ.
  return async (input, init) =>
    (await undiciFetch(input, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher })) as unknown as Response;
}

interface ProxyPair {
  fixture: AccessKeyFixture;
  proxy: ProxyHandle;
  path: string;
  direct(): Promise<void>;
  viaProxy(): Promise<void>;
  close(): Promise<void>;
}

/** A fake Sinch over HTTPS, an engine and its proxy, and the same GET sent both ways. */
async function proxyPair(latencyMs?: number): Promise<ProxyPair> {
  const certificate = loopbackCertificate();
  const fixture = await accessKeyFixture({
    https: { certificate, fetch: pooledFetch(certificate.cert) },
    ...(latencyMs ? { latencyMs } : {}),
  });
  const { engine, fake, profile } = fixture;
  await engine.handlers['agent.setAccess']({ profileId: profile.id, patch: { enabled: true, ratePerMinute: 10_000 } });
  const proxy = await startProxy({ engine, profile: profile.name });
  const toProxy = pooledFetch();
  const toSinch = pooledFetch(certificate.cert);
  const path = `/v1/projects/${profile.projectId}/availableRegions`;
  const viaProxy = async () => {
    const response = await toProxy(`${proxy.url}/numbers${path}`, { headers: { [PROXY_TOKEN_HEADER]: proxy.token } });
    await response.text();
    if (response.status !== 200) throw new Error(`the proxy answered ${response.status}`);
  };
  await viaProxy(); // exchanges the token once
  const direct = async () => {
    const response = await toSinch(`${fake.url}${path}`, {
      headers: { Authorization: `Bearer ${fake.issuedTokens[0]}`, Accept: 'application/json' },
    });
    await response.text();
    if (response.status !== 200) throw new Error(`the fake Sinch answered ${response.status}`);
  };
  return {
    fixture,
    proxy,
    path,
    direct,
    viaProxy,
    close: async () => {
      await proxy.close();
      await fixture.close();
    },
  };
}

/** `runs` alternating calls of each function after `warmUps` rounds; the times of each, in order. */
async function alternate(fns: (() => Promise<void>)[], runs: number, warmUps: number): Promise<number[][]> {
  for (let i = 0; i < warmUps; i++) for (const f of fns) await f();
  const times = fns.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) for (const [at, f] of fns.entries()) times[at]?.push((await timed(f)).ms);
  return times;
}

/** A difference with its sign: p95 of few runs can come out below the direct side's. */
const added = (value: number) => `${value < 0 ? '−' : '+'}${ms(Math.abs(value))}`;

const overhead = (proxied: number[], direct: number[]) => {
  const [p, d, p95, d95] = [median(proxied), median(direct), percentile(proxied, 0.95), percentile(direct, 0.95)];
  return {
    ratio: p / d,
    text: `${ratio(p / d)} (p50 ${ms(p)} through the proxy, ${ms(d)} direct, ${added(p - d)}; p95 ${ms(p95)} vs ${ms(d95)}, ${added(p95 - d95)})`,
  };
};

export async function measureAgentDoor({ quick }: BenchOptions): Promise<Figure[]> {
  const near = await proxyPair();
  const { engine, profile, credential } = near.fixture;
  const client = new Client({ name: 'bench', version: '1' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const server = agentMcpServer(engine, 'bench');
  let far: ProxyPair | undefined;
  try {
    await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
    const custom = { method: 'GET' as const, path: near.path };
    const engineAlone = async () => {
      const result = await dispatch(engine.handlers, 'request.test', {
        profileId: profile.id,
        credentialId: credential.id,
        productId: 'numbers',
        custom,
      });
      if (!result.ok) throw new Error(result.error.message);
    };
    const viaMcp = async () => {
      const result = await client.callTool({
        name: 'sinch_request',
        arguments: { profile: profile.name, product: 'numbers', method: 'GET', path: near.path },
      });
      if (result.isError) throw new Error(JSON.stringify(result.content));
    };

    const runs = quick ? 100 : 500;
    const [direct = [], proxied = [], alone = [], mcp = []] = await alternate(
      [near.direct, near.viaProxy, engineAlone, viaMcp],
      runs,
      50,
    );
    far = await proxyPair(FAR_MS);
    const farRuns = quick ? 30 : 100;
    const [farDirect = [], farProxied = []] = await alternate([far.direct, far.viaProxy], farRuns, 5);
    const onLoopback = overhead(proxied, direct);
    const [m, e] = [median(mcp), median(alone)];
    return [
      {
        name: PROXY,
        measured: onLoopback.text,
        target: '≤ 1.2×',
        pass: onLoopback.ratio <= 1.2,
        detail:
          `${runs} alternating requests each after 50 warm-ups. Upstream: the fake Sinch on 127.0.0.1 over HTTPS ` +
          '(self-signed certificate trusted by both clients), checking the bearer token and answering at once — no ' +
          'network latency, so the figure is the whole cost of the extra hop and the work. Direct: undici fetch with ' +
          'the bearer token on a kept-alive pool. Proxy: undici fetch (kept-alive, plain HTTP on loopback) to ' +
          'sinch-keys proxy, which checks its token, Host and Origin, reads the policy from the settings file (stat ' +
          'unchanged: not re-read), counts the rate limit, runs request.test (cached token, host guard, redaction, ' +
          'diagnosis) over its own kept-alive HTTPS pool, and appends an audit line.',
      },
      {
        name: PROXY_FAR,
        measured: overhead(farProxied, farDirect).text,
        target: '—',
        pass: undefined,
        info: true,
        detail: `${farRuns} alternating requests each after 5 warm-ups, as above with every answer of the fake Sinch delayed ${FAR_MS} ms.`,
      },
      {
        name: MCP,
        measured: `${ratio(m / e)} (median ${ms(m)} through MCP, ${ms(e)} engine alone; +${ms(m - e)})`,
        target: '—',
        pass: undefined,
        info: true,
        detail: `${runs} alternating calls: the official MCP client calling sinch_request on our server over the SDK's in-memory transport (JSON-RPC, zod validation, policy, rate limit, audit) vs dispatch(request.test) with the same request.`,
      },
    ];
  } finally {
    await client.close();
    await far?.close();
    await near.close();
  }
}
