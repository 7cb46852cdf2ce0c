// The page's side of the launch flow (web/launch-sessions.ts): a launch token from the address is traded once for an
// HttpOnly session cookie (the browser keeps it; the page never sees it) and a proof key, kept in sessionStorage so
// a reload of this tab still knows which server it belongs to. Without either, the page has no server to trust.
import type { FetchFn } from './event-stream';
import { type HistoryLike, type LocationLike, takeLaunchToken } from './launch-token';

export const PROOF_KEY_ITEM = 'sinch-keys-proof-key';

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface LaunchOptions {
  location: LocationLike;
  history: HistoryLike;
  storage: StorageLike;
  fetch: FetchFn;
  baseUrl?: string;
}

/** The proof key this page checks its server against, or undefined when it has none (no or a spent launch address). */
export async function startLaunch({
  location,
  history,
  storage,
  fetch,
  baseUrl = '',
}: LaunchOptions): Promise<string | undefined> {
  const launchToken = takeLaunchToken(location, history);
  if (launchToken !== undefined) {
    const proofKey = await exchange(fetch, baseUrl, launchToken);
    if (proofKey !== undefined) {
      storage.setItem(PROOF_KEY_ITEM, proofKey);
      return proofKey;
    }
  }
  // A reload, or a spent address opened again in the same tab: the key from this tab's first launch still holds.
  return storage.getItem(PROOF_KEY_ITEM) ?? undefined;
}

async function exchange(fetch: FetchFn, baseUrl: string, launchToken: string): Promise<string | undefined> {
  try {
    const res = await fetch(`${baseUrl}/launch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ launchToken }),
    });
    const body = (await res.json()) as { ok?: boolean; value?: { proofKey?: unknown } };
    return body.ok === true && typeof body.value?.proofKey === 'string' ? body.value.proofKey : undefined;
  } catch {
    return undefined;
  }
}
