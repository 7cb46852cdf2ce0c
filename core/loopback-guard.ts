// The request checks every loopback server of ours shares (browser mode now, the agent proxy next): a page on
// evil.example that resolves to 127.0.0.1 (DNS rebinding) still sends `Host: evil.example`, and a cross-site
// request carries its own Origin. Both are refused before anything else is read.

/** What a refused request is answered with. */
export interface Refusal {
  status: 403 | 421;
  message: string;
}

export interface LoopbackGuard {
  /** Undefined when the request may go on. */
  check(headers: { host?: string | undefined; origin?: string | undefined }): Refusal | undefined;
  /** The Host values accepted: 127.0.0.1 and localhost on the server's port. */
  readonly hosts: ReadonlySet<string>;
}

export function loopbackGuard(port: number): LoopbackGuard {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origins = new Set([...hosts].map((host) => `http://${host}`));
  return {
    hosts,
    check: ({ host, origin }) => {
      if (!hosts.has(host ?? '')) return { status: 421, message: 'Unknown host.' };
      // No Origin at all is a same-origin navigation or a non-browser client; a wrong one is another site.
      if (origin !== undefined && !origins.has(origin)) return { status: 403, message: 'Cross-origin requests are refused.' };
      return undefined;
    },
  };
}
