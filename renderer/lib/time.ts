// Pure time arithmetic for the token countdown and the key-age hints; "now" is always passed in.

const DAY_MS = 86_400_000;

/** Whole seconds from now until expiresAt, never negative. */
export const secondsUntil = (expiresAt: number, now: number): number => Math.max(0, Math.floor((expiresAt - now) / 1000));

/** mm:ss for a countdown; minutes keep counting past 59 (a 24 h token shows 1440:00). */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(whole / 60))}:${pad(whole % 60)}`;
}

/** Whole days since an ISO timestamp; undefined when it cannot be read. Future dates (clock skew) count as 0. */
export function daysSince(iso: string | undefined, now: number): number | undefined {
  if (!iso) return undefined;
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return undefined;
  return Math.max(0, Math.floor((now - then) / DAY_MS));
}

/** Auto-refresh fires once per token when fewer than this many seconds are left. */
export const AUTO_REFRESH_BELOW_S = 60;

/** Whether auto-refresh should ask for a new token now: below the threshold, and not already asked for this token. */
export function shouldAutoRefresh(expiresAt: number | undefined, now: number, lastRequestedFor: number | undefined): boolean {
  if (expiresAt === undefined || lastRequestedFor === expiresAt) return false;
  return secondsUntil(expiresAt, now) < AUTO_REFRESH_BELOW_S;
}

/** Below this many seconds the countdown turns to a warning colour (main refreshes 300 s ahead, token-state.ts). */
export const REFRESH_SOON_S = 300;
