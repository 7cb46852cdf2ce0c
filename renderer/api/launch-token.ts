// Browser mode: the loopback server prints a URL with a single-use launch token (?launch=…). The page takes it out of
// the address bar and history at once (so it is not bookmarked, shared or shown) and trades it for a session cookie
// and a proof key (launch.ts). History may still record the address, but the token in it is spent.

export interface LocationLike {
  href: string;
}
export interface HistoryLike {
  replaceState(data: unknown, unused: string, url?: string): void;
}

export function takeLaunchToken(location: LocationLike, history: HistoryLike): string | undefined {
  const url = new URL(location.href);
  const token = url.searchParams.get('launch');
  if (token === null) return undefined;
  url.searchParams.delete('launch');
  history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
  return token;
}
