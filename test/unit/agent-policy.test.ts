// What an AI agent may do with a profile: decided from the profile's agent access and the global stop switch, before
// anything is read or sent. The hints are what a refused agent tells its user, so they must name the right command.
import { describe, expect, it } from 'vitest';
import { decide, normalisedPath, RateLimiter, ruleMatches } from '../../shared/agent-policy';
import { type AgentAccess, agentAccessSchema, agentRuleString } from '../../shared/profile';

const access = (patch: Partial<AgentAccess> = {}): AgentAccess => ({ ...agentAccessSchema.parse({ enabled: true }), ...patch });
const call = (method: string, path = '/v1/projects/p/activeNumbers', profileName = 'Acme') => ({ profileName, method, path });
const refusal = (d: ReturnType<typeof decide>) => (d.allowed ? undefined : d.error);

describe('agent policy', () => {
  it('lets an opened profile read (GET, HEAD) and nothing else by default', () => {
    expect(decide(false, access(), call('GET')).allowed).toBe(true);
    expect(decide(false, access(), call('head')).allowed).toBe(true);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const error = refusal(decide(false, access(), call(method)));
      expect(error?.code).toBe('AGENT_REFUSED');
      expect(error?.hint).toContain('sinch-keys agent enable Acme --allow-writes');
    }
  });

  it('refuses every call for a profile never opened or closed again, and says how to open it', () => {
    for (const closed of [undefined, access({ enabled: false })]) {
      const error = refusal(decide(false, closed, call('GET')));
      expect(error?.message).toBe('No profile "Acme" is open to AI agents.');
      expect(error?.hint).toContain('`sinch-keys agent enable Acme`');
    }
  });

  it('quotes a profile name with spaces in the command it suggests', () => {
    expect(refusal(decide(false, undefined, call('GET', '/', 'Acme prod')))?.hint).toContain('agent enable "Acme prod"');
  });

  it('refuses everything while all agent access is stopped, even a read of a profile open to writes', () => {
    const error = refusal(decide(true, access({ allowWrites: true }), call('GET')));
    expect(error?.message).toBe('All agent access is stopped in Sinch Keys.');
    expect(error?.hint).toContain('sinch-keys agent resume');
  });

  it('allows any write once writes are allowed without an allow-list', () => {
    expect(decide(false, access({ allowWrites: true }), call('DELETE')).allowed).toBe(true);
  });

  it('allows only the writes on the allow-list when there is one', () => {
    const listed = access({ allowWrites: true, allowList: ['POST /xms/v1/*/batches', 'DELETE /v1/projects/**'] });
    expect(decide(false, listed, call('POST', '/xms/v1/{projectId}/batches')).allowed).toBe(true);
    expect(decide(false, listed, call('DELETE', '/v1/projects/p/activeNumbers/+1555')).allowed).toBe(true);
    expect(decide(false, listed, call('POST', '/xms/v1/p/batches/extra')).allowed).toBe(false);
    expect(decide(false, listed, call('PUT', '/xms/v1/p/batches')).allowed).toBe(false);
    const error = refusal(decide(false, listed, call('POST', '/v1/projects/p/activeNumbers')));
    expect(error?.hint).toContain('--allow "POST /v1/projects/p/activeNumbers"');
  });

  it('matches the allow-list against the path the request will really have (no dot-segment escape)', () => {
    const listed = access({ allowWrites: true, allowList: ['POST /xms/v1/*/batches/**'] });
    for (const sneaky of ['/xms/v1/p/batches/../../../v1/projects/p/apps', '/xms/v1/p/batches/%2e%2e/%2E%2E/%2e%2e/admin'])
      expect(decide(false, listed, call('POST', sneaky)).allowed, sneaky).toBe(false);
    expect(normalisedPath('/a/b/../c?x=1#f')).toBe('/a/c');
    expect(normalisedPath('/v1/projects/{projectId}/apps')).toBe('/v1/projects/{projectId}/apps');
  });

  it('reads `*` as one path segment and `**` as any rest, with no other pattern syntax', () => {
    expect(ruleMatches('GET /a/*/c', 'GET', '/a/b/c')).toBe(true);
    expect(ruleMatches('GET /a/*/c', 'GET', '/a/b/x/c')).toBe(false);
    expect(ruleMatches('GET /a/**', 'GET', '/a/b/x/c')).toBe(true);
    expect(ruleMatches('GET /a.b/(x)+', 'GET', '/aXb/xx')).toBe(false);
    expect(ruleMatches('GET /a.b/(x)+', 'GET', '/a.b/(x)+')).toBe(true);
  });

  it('accepts allow-list rules only as METHOD and a path', () => {
    expect(agentRuleString.safeParse('POST /xms/v1/*/batches').success).toBe(true);
    for (const bad of ['post /x', 'POST xms', 'OPTIONS /x', 'POST /x?y=1', 'POST https://evil.example/x'])
      expect(agentRuleString.safeParse(bad).success, bad).toBe(false);
  });
});

describe('agent rate limit', () => {
  it('allows the configured calls per minute per profile, then says how long to wait', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(() => now);
    expect([limiter.take('a', 3), limiter.take('a', 3), limiter.take('a', 3)]).toEqual([0, 0, 0]);
    now += 20_000;
    expect(limiter.take('a', 3)).toBe(40);
    expect(limiter.take('b', 3)).toBe(0);
    now += 40_001;
    expect(limiter.take('a', 3)).toBe(0);
  });
});
