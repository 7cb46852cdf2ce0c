// Where the app may go: its own UI origin in the window, a short list of https sites in the user's browser, nothing else.
// docs/security-checklist.md#electron-checklist items 13–15 and docs/security-checklist.md#navigation: every URL is parsed with `new URL` and compared by exact origin.

export const APP_SCHEME = 'app';
export const APP_HOST = 'sinch-keys';
/** The custom-protocol origin the UI is served from (docs/security-checklist.md#electron-checklist item 18). */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Sites a link may open in the user's browser: exact https origins, default port only. */
export const EXTERNAL_ALLOWLIST: readonly string[] = Object.freeze([
  'https://dashboard.sinch.com',
  'https://developers.sinch.com',
  'https://community.sinch.com',
  'https://www.sinch.com',
  'https://app.mailgun.com',
  'https://documentation.mailgun.com',
  'https://help.mailgun.com',
]);

export type NavigationDecision = 'allow-in-app' | 'open-external' | 'deny';

// Chromium hands us canonical URLs (percent-encoded, punycode hosts), so a legitimate URL is printable ASCII.
// Refusing everything else up front kills whitespace, control, bidi and homoglyph tricks, and backslashes
// (which the URL parser turns into `/` for https but a shell may read as a UNC path).
const CANONICAL_URL_CHARS = /^[\x21-\x5b\x5d-\x7e]+$/;

function parseStrict(url: unknown): URL | null {
  if (typeof url !== 'string' || !CANONICAL_URL_CHARS.test(url)) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

const hasUserinfo = (u: URL): boolean => u.username !== '' || u.password !== '';

/** True only for URLs on exactly `app://sinch-keys` (no userinfo, no port, no look-alike host). */
export function isAppUrl(url: string): boolean {
  const u = parseStrict(url);
  // `app:` is not a WHATWG special scheme, so `origin` is "null"; compare the parts instead.
  return u !== null && u.protocol === `${APP_SCHEME}:` && !hasUserinfo(u) && u.host === APP_HOST;
}

/** The canonical href to hand to the OS browser, or null when the URL is not on an allowlisted https origin. */
export function toAllowedExternalUrl(url: string): string | null {
  const u = parseStrict(url);
  if (u === null || u.protocol !== 'https:' || hasUserinfo(u)) return null;
  // `origin` carries any non-default port, so an exact match also pins the port.
  return EXTERNAL_ALLOWLIST.includes(u.origin) ? u.href : null;
}

export function isAllowedExternal(url: string): boolean {
  return toAllowedExternalUrl(url) !== null;
}

export function decideNavigation(url: string): NavigationDecision {
  if (isAppUrl(url)) return 'allow-in-app';
  if (isAllowedExternal(url)) return 'open-external';
  return 'deny';
}
