// Browser mode's transport: the same Api the Electron preload exposes, over the loopback server. Every operation is
// `POST /api/<operation>` with the input as JSON and the Result envelope as the reply; the browser adds the session
// cookie. No request leaves before the server has proved it is the one that launched this page (server-link.ts).
// Names come from the contract, so no operation string is typed here.
import i18next from 'i18next';
import type { Api, Events, Operation } from '../../shared/contract';
import type { AppErrorData, Result } from '../../shared/errors';
import type { FetchFn } from './event-stream';
import { type LinkFailure, openServerLink } from './server-link';

export const TOKEN_CHANGED_EVENT = 'token.changed';
export const SETTINGS_CHANGED_EVENT = 'settings.changed';

export interface HttpApiOptions {
  /** This tab's proof key from the launch (launch.ts); undefined when the page has none. */
  proofKey: Promise<string | undefined>;
  /** Origin of the loopback server; empty for the page's own origin. */
  baseUrl?: string;
  fetch?: FetchFn;
  retryMs?: number;
}

const isEnvelope = (value: unknown): value is Result<unknown> =>
  typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';

const failure = (error: AppErrorData): Result<never> => ({ ok: false, error });

const LINK_FAILURES: Record<LinkFailure, AppErrorData> = {
  'no-launch': { code: 'UNAUTHORIZED', message: 'launch.none', hint: 'launch.freshHint' },
  restarted: { code: 'UNAUTHORIZED', message: 'launch.restarted', hint: 'launch.freshHint' },
  impostor: { code: 'UNAUTHORIZED', message: 'launch.impostor', hint: 'launch.freshHint' },
  unreachable: { code: 'NETWORK', message: 'transport.unreachable', hint: 'transport.unreachableHint' },
};

const linkFailure = (why: LinkFailure): Result<never> => {
  const { code, message, hint } = LINK_FAILURES[why];
  return failure({ code, message: i18next.t(message), ...(hint ? { hint: i18next.t(hint) } : {}) });
};

export function createHttpApi({
  proofKey,
  baseUrl = '',
  fetch = (input, init) => globalThis.fetch(input, init),
  retryMs,
}: HttpApiOptions): Api {
  const link = openServerLink({ baseUrl, fetch, proofKey, ...(retryMs === undefined ? {} : { retryMs }) });
  const call = async (op: Operation, input: unknown): Promise<Result<unknown>> => {
    const refused = await link.ready();
    if (refused) return linkFailure(refused);
    let res: Response;
    try {
      res = await fetch(`${baseUrl}/api/${op}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      return failure({
        code: 'NETWORK',
        message: i18next.t('transport.unreachable'),
        hint: i18next.t('transport.unreachableHint'),
      });
    }
    const body: unknown = await res.json().catch(() => undefined);
    if (isEnvelope(body)) return body;
    if (res.status === 401 || res.status === 403)
      return failure({ code: 'NETWORK', message: i18next.t('transport.rejected'), hint: i18next.t('transport.rejectedHint') });
    return failure({ code: 'INTERNAL', message: i18next.t('transport.badReply', { status: res.status }) });
  };

  const onTokenChanged = (listener: (event: Events['token.changed']) => void) =>
    link.listen((name, data) => {
      if (name !== TOKEN_CHANGED_EVENT) return;
      let event: Events['token.changed'];
      try {
        event = JSON.parse(data);
      } catch {
        return;
      }
      listener(event);
    });
  const onSettingsChanged = (listener: () => void) =>
    link.listen((name) => {
      if (name === SETTINGS_CHANGED_EVENT) listener();
    });

  // Operations are made on first use rather than listed from the contract's OPERATIONS: importing that builds every
  // request schema (zod), ~15–40 ms of the window's start-up, which the first frame does not need (docs/benchmarks.md).
  // Every operation name has a dot ('profiles.list'), so no other property (a `then` probe) is taken for one; each is
  // made once, so `api[op]` is the same function every time.
  const made = new Map<string, (input: unknown) => Promise<Result<unknown>>>();
  const operation = (op: string) => {
    let fn = made.get(op);
    if (!fn) {
      fn = (input: unknown) => call(op as Operation, input);
      made.set(op, fn);
    }
    return fn;
  };
  return new Proxy({ onTokenChanged, onSettingsChanged } as object, {
    get: (target, prop) =>
      typeof prop === 'string' && prop.includes('.') && !(prop in target) ? operation(prop) : Reflect.get(target, prop),
  }) as Api;
}
