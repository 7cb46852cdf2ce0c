// What an AI agent may do with a profile (issue 15). The side that holds the secrets decides: every agent call is
// checked here against the settings file as it is now, before any secret is read or anything is sent.
import { AppError } from './errors';
import type { AgentAccess } from './profile';

export const READ_METHODS = new Set(['GET', 'HEAD']);

export interface AgentCall {
  /** The profile's name, as the user wrote it: hints quote the command the user can run. */
  profileName: string;
  method: string;
  /** The path as the agent sent it (query allowed); it is normalised here exactly as the request URL will be. */
  path: string;
}

export type Decision = { allowed: true } | { allowed: false; error: AppError };

/**
 * The path a URL parser will request: dot segments (also %2e-encoded) resolved, query and fragment dropped; then
 * percent-decoded where that cannot join segments (decodeURI keeps %2F), so `{projectId}` reads as written.
 */
export function normalisedPath(path: string): string {
  const resolved = new URL(path, 'https://agent.invalid').pathname;
  try {
    return decodeURI(resolved);
  } catch {
    return resolved;
  }
}

const escapeRegExp = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** `*` matches within one path segment, `**` matches across segments. */
export function ruleMatches(rule: string, method: string, path: string): boolean {
  const space = rule.indexOf(' ');
  if (rule.slice(0, space) !== method) return false;
  const pattern = rule
    .slice(space + 1)
    .split('**')
    .map((part) => part.split('*').map(escapeRegExp).join('[^/]*'))
    .join('.*');
  return new RegExp(`^${pattern}$`).test(path);
}

const quoted = (name: string) => (/^[\w.-]+$/.test(name) ? name : `"${name.replace(/"/g, '\\"')}"`);

const refuse = (message: string, hint: string): Decision => ({
  allowed: false,
  error: new AppError('AGENT_REFUSED', message, hint),
});

/** The global switch: while all agent access is stopped, every call is refused, listing profiles included. */
export const stoppedDecision = (stopped: boolean): Decision =>
  stopped
    ? refuse(
        'All agent access is stopped in Sinch Keys.',
        'The user can turn it back on with `sinch-keys agent resume` or the "Allow agent access" switch in Sinch Keys → AI agents.',
      )
    : { allowed: true };

/** Decides one call; `access` undefined means the profile was never opened to agents. */
export function decide(stopped: boolean, access: AgentAccess | undefined, call: AgentCall): Decision {
  const profile = quoted(call.profileName);
  if (stopped) return stoppedDecision(stopped);
  if (!access?.enabled)
    return refuse(
      `No profile "${call.profileName}" is open to AI agents.`,
      `The user can open it with \`sinch-keys agent enable ${profile}\` or the "AI agents" switch on the profile.`,
    );
  const method = call.method.toUpperCase();
  if (READ_METHODS.has(method)) return { allowed: true };
  if (!access.allowWrites)
    return refuse(
      `${method} is refused: profile "${call.profileName}" is read-only for agents (GET and HEAD only). Nothing was sent.`,
      `The user can allow writes with \`sinch-keys agent enable ${profile} --allow-writes\`.`,
    );
  const path = normalisedPath(call.path);
  if (access.allowList.length === 0 || access.allowList.some((rule) => ruleMatches(rule, method, path))) return { allowed: true };
  return refuse(
    `${method} ${path} is not on the allow-list of profile "${call.profileName}". Nothing was sent.`,
    `The user can allow it with \`sinch-keys agent enable ${profile} --allow-writes --allow "${method} ${path}"\`.`,
  );
}

/**
 * A sliding one-minute window per profile. In memory, per agent process: each server the user starts has its own
 * budget, which is what stops one looping agent.
 */
export class RateLimiter {
  readonly #calls = new Map<string, number[]>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Counts the call and returns 0, or returns the seconds to wait without counting it. */
  take(profileId: string, perMinute: number): number {
    const now = this.#now();
    const recent = (this.#calls.get(profileId) ?? []).filter((at) => at > now - 60_000);
    this.#calls.set(profileId, recent);
    if (recent.length >= perMinute) return Math.max(1, Math.ceil(((recent[0] ?? now) + 60_000 - now) / 1000));
    recent.push(now);
    return 0;
  }
}

export function rateLimited(profileName: string, perMinute: number, waitSeconds: number): AppError {
  return new AppError(
    'RATE_LIMITED',
    `Profile "${profileName}" allows ${perMinute} agent calls per minute; try again in ${waitSeconds} s. Nothing was sent.`,
    `The user can change the limit with \`sinch-keys agent enable ${quoted(profileName)} --rate <calls per minute>\`.`,
  );
}
