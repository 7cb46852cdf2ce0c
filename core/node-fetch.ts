// The fetch of the Node doors (CLI, browser mode, agent). Node's own fetch ignores HTTPS_PROXY, HTTP_PROXY and
// NO_PROXY; behind a corporate proxy it then fails where curl works. undici's EnvHttpProxyAgent honours them (CONNECT
// tunnels for https, NO_PROXY matching as curl does). Certificates: Node reads NODE_EXTRA_CA_CERTS at start-up, for
// every TLS connection, tunnelled or not. The desktop app uses Chromium's stack instead (electron/net-fetch.ts).
import type { Dispatcher } from 'undici';
import { causeCode, PROXY_REFUSED } from './http-client';
import type { FetchLike } from './ports';

/** The proxy settings in env, lower-case names first as curl reads them; undefined when no proxy is set. */
export function proxySettings(env: NodeJS.ProcessEnv) {
  const httpProxy = env.http_proxy || env.HTTP_PROXY || undefined;
  const httpsProxy = env.https_proxy || env.HTTPS_PROXY || undefined;
  if (!httpProxy && !httpsProxy) return undefined;
  return { httpProxy, httpsProxy, noProxy: env.no_proxy ?? env.NO_PROXY ?? '' };
}

export function nodeFetch(env: NodeJS.ProcessEnv = process.env): FetchLike {
  const settings = proxySettings(env);
  if (!settings) return (input, init) => globalThis.fetch(input, init);
  // Loaded on the first request, and only with a proxy configured: most CLI commands never parse undici.
  let proxied: Promise<{ fetch: typeof import('undici').fetch; dispatcher: Dispatcher }> | undefined;
  return async (input, init) => {
    proxied ??= import('undici').then(({ EnvHttpProxyAgent, fetch }) => ({
      fetch,
      dispatcher: new EnvHttpProxyAgent(settings),
    }));
    const { fetch, dispatcher } = await proxied;
    try {
      // undici's Response is the class Node's global fetch returns; only the type declarations differ.
      return (await fetch(input, { ...(init as Parameters<typeof fetch>[1]), dispatcher })) as unknown as Response;
    } catch (err) {
      // undici reports a proxy that refuses the tunnel (403, 407…) as an aborted request; when nothing of ours
      // aborted it, that is what happened, and the http-client should say so rather than "could not reach".
      if (!init?.signal?.aborted && causeCode(err) === 'UND_ERR_ABORTED')
        throw Object.assign(new TypeError('fetch failed'), { cause: { code: PROXY_REFUSED } });
      throw err;
    }
  };
}
