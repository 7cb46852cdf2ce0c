// Whether the server at the other end is the one that launched this page (issue 11 item 1). Before every call the
// page sends a fresh nonce to /api/hello and checks the answer is that nonce signed with this tab's proof key; the
// event stream opens with the same proof. A server that signs wrongly (whoever took the port after Sinch Keys
// stopped) or does not know the session (a new run of Sinch Keys) ends the link for good: the page sends nothing
// more and asks for a fresh launch address instead.
import { secretsEqual } from '../../shared/constant-time';
import { type FetchFn, openEventStream } from './event-stream';

export const HELLO_EVENT = 'hello';

/** Why the page will not talk to the server: no launch, another run of Sinch Keys, someone else, or nobody. */
export type LinkFailure = 'no-launch' | 'restarted' | 'impostor' | 'unreachable';

export interface ServerLink {
  /** Undefined once the server has just proved itself; otherwise why the call must not be sent. */
  ready(): Promise<LinkFailure | undefined>;
  /** Events from a proven stream; the returned function stops listening. */
  listen(listener: (name: string, data: string) => void): () => void;
  close(): void;
}

export interface ServerLinkOptions {
  baseUrl: string;
  fetch: FetchFn;
  /** This tab's proof key, undefined when it has none. */
  proofKey: Promise<string | undefined>;
  retryMs?: number;
}

const toBase64Url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** base64url HMAC-SHA256 of the nonce under the proof key, as web/launch-sessions.ts's proofOf makes it. */
export async function proofOf(proofKey: string, nonce: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(proofKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(nonce))));
}

const newNonce = () => toBase64Url(crypto.getRandomValues(new Uint8Array(24)));

const proofIn = (value: unknown): unknown => (value as { proof?: unknown } | null)?.proof;

export function openServerLink({ baseUrl, fetch, proofKey, retryMs }: ServerLinkOptions): ServerLink {
  let failure: LinkFailure | undefined;
  let streaming = false;
  let stopStream = () => {};
  const listeners = new Set<(name: string, data: string) => void>();
  const fail = (why: LinkFailure): LinkFailure => {
    failure = why;
    stopStream();
    return why;
  };
  const proves = async (key: string, nonce: string, proof: unknown) =>
    typeof proof === 'string' && secretsEqual(proof, await proofOf(key, nonce));

  const hello = async (key: string): Promise<LinkFailure | undefined> => {
    const nonce = newNonce();
    let res: Response;
    try {
      res = await fetch(`${baseUrl}/api/hello?nonce=${nonce}`, { headers: { accept: 'application/json' } });
    } catch {
      return 'unreachable';
    }
    // 401: the server does not know this tab's session, so it is not the run that launched the page.
    if (res.status === 401) return fail('restarted');
    const body: unknown = await res.json().catch(() => undefined);
    return (await proves(key, nonce, proofIn((body as { value?: unknown } | undefined)?.value))) ? undefined : fail('impostor');
  };

  const openStream = (key: string) => {
    streaming = true;
    let expected = '';
    let proven = false;
    stopStream = openEventStream({
      // The proof is worked out before connecting, so the hello event is checked before any event after it.
      url: async () => {
        const nonce = newNonce();
        expected = await proofOf(key, nonce);
        proven = false;
        return `${baseUrl}/api/events?nonce=${nonce}`;
      },
      fetch,
      onEvent: (name, data) => {
        if (name === HELLO_EVENT) {
          let proof: unknown;
          try {
            proof = proofIn(JSON.parse(data));
          } catch {
            proof = undefined;
          }
          proven = typeof proof === 'string' && secretsEqual(proof, expected);
          if (!proven) fail('impostor');
          return;
        }
        if (proven) for (const l of listeners) l(name, data);
      },
      onRefused: (status) => {
        fail(status === 401 ? 'restarted' : 'impostor');
      },
      ...(retryMs === undefined ? {} : { retryMs }),
    });
  };

  return {
    ready: async () => {
      if (failure) return failure;
      const key = await proofKey;
      if (key === undefined) return fail('no-launch');
      return failure ?? (await hello(key));
    },
    listen: (listener) => {
      listeners.add(listener);
      void proofKey.then((key) => {
        if (key !== undefined && !streaming && !failure) openStream(key);
      });
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && streaming) {
          stopStream();
          streaming = false;
        }
      };
    },
    close: () => stopStream(),
  };
}
