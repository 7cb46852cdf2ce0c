// Browser mode's launch flow (issue 11 items 1 and 2). The printed address carries a single-use launch token; the
// page trades it, once, for an HttpOnly, SameSite=Strict session cookie scoped to /api and for a proof key the page
// keeps. So browser history, sync and session restore hold only a spent token, and a reload works from the cookie.
// Every event stream opens with proof of the page's nonce under that key: a process that took the port after this
// server stopped cannot make it, so the page stops talking instead of sending it the next secret.
import { createHmac, randomBytes } from 'node:crypto';
import { secretsEqual } from '../shared/constant-time';

export interface Session {
  id: string;
  proofKey: string;
}

/** A nonce is base64url of 16 to 64 random bytes: anything else is refused before it is signed. */
export const NONCE = /^[A-Za-z0-9_-]{22,86}$/;

const random = () => randomBytes(32).toString('base64url');

export class LaunchSessions {
  readonly cookieName: string;
  #unused: string[] = [];
  #sessions: Session[] = [];

  /** The port is in the cookie's name: cookies are per host, not per port, and two launches must not clash. */
  constructor(port: number) {
    this.cookieName = `sinch-keys-session-${port}`;
  }

  /** A fresh launch token for the printed address; each works once. */
  issue(): string {
    const token = random();
    this.#unused.push(token);
    return token;
  }

  /** Spends the launch token; undefined when it is not one of ours or was already used. */
  exchange(launchToken: string): Session | undefined {
    const match = findSecret(this.#unused, launchToken);
    if (match === undefined) return undefined;
    this.#unused = this.#unused.filter((t) => t !== match);
    const session = { id: random(), proofKey: random() };
    this.#sessions.push(session);
    return session;
  }

  /** The session a Cookie header names, if any. */
  fromCookie(header: string | undefined): Session | undefined {
    const id = cookieValue(header, this.cookieName);
    const match = findSecret(
      this.#sessions.map((s) => s.id),
      id,
    );
    return this.#sessions.find((s) => s.id === match);
  }

  setCookie(session: Session): string {
    return `${this.cookieName}=${session.id}; HttpOnly; SameSite=Strict; Path=/api`;
  }
}

/** base64url HMAC-SHA256 of the nonce under the session's proof key: what the page checks the stream's hello against. */
export const proofOf = (proofKey: string, nonce: string): string =>
  createHmac('sha256', proofKey).update(nonce, 'utf8').digest('base64url');

/** Compares the given value with every candidate, with no early exit, so the time says nothing about which matched. */
function findSecret(candidates: readonly string[], given: string | undefined): string | undefined {
  let found: string | undefined;
  for (const candidate of candidates) if (secretsEqual(given, candidate)) found = candidate;
  return found;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
