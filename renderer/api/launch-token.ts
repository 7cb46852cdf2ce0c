// Browser mode: the loopback server prints a URL with a per-launch token (?token=…). The page reads it once, takes
// it out of the address bar and history (so it is not bookmarked, shared or shown) and keeps it in memory only.

export interface LocationLike {
  href: string;
}
export interface HistoryLike {
  replaceState(data: unknown, unused: string, url?: string): void;
}

export function takeLaunchToken(location: LocationLike, history: HistoryLike): string | undefined {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (token === null) return undefined;
  url.searchParams.delete('token');
  history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
  return token;
}
