// Navigation, pop-up, webview and permission guards for the one app window (docs/security-checklist.md#electron-checklist items 5, 11–15).
// Each decision is a small function taking plain arguments, so tests drive it with fake events.
import type { HeadersReceivedResponse, OnHeadersReceivedListenerDetails, Session, WebContents } from 'electron';
import { APP_CSP } from '../shared/csp';
import { decideNavigation, isAppUrl, toAllowedExternalUrl } from '../shared/url-policy';

export interface PreventableEvent {
  preventDefault(): void;
}

export type OpenExternal = (url: string) => void;

/** will-navigate / will-frame-navigate / will-redirect: the UI is a single-page app and never leaves its origin. */
export function guardNavigation(event: PreventableEvent, url: string): void {
  if (decideNavigation(url) !== 'allow-in-app') event.preventDefault();
}

/** window.open and target=_blank: never a new Electron window; allowlisted https links go to the user's browser. */
export function handleWindowOpen(url: string, openExternal: OpenExternal): { action: 'deny' } {
  const external = toAllowedExternalUrl(url);
  // Hand over the canonical href we checked, not the raw string the page supplied.
  if (external !== null) openExternal(external);
  return { action: 'deny' };
}

/** The app never uses <webview> (item 12), so any attempt to attach one is stopped. */
export function blockWebview(event: PreventableEvent): void {
  event.preventDefault();
}

export function attachNavigationGuards(contents: WebContents, { openExternal }: { openExternal: OpenExternal }): void {
  contents.on('will-navigate', (event) => guardNavigation(event, event.url));
  contents.on('will-frame-navigate', (event) => guardNavigation(event, event.url));
  contents.on('will-redirect', (event) => guardNavigation(event, event.url));
  contents.on('will-attach-webview', blockWebview);
  contents.setWindowOpenHandler((details) => handleWindowOpen(details.url, openExternal));
}

/** The app needs no browser permission (camera, notifications, clipboard-read, …): item 5. */
export function denyPermissionRequest(_contents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

/**
 * Checks (not requests) are answered false too, except writing to the clipboard from our own page: Chromium checks
 * 'clipboard-sanitized-write' when the copy buttons call navigator.clipboard.writeText. Reading stays denied.
 */
export function denyPermissionCheck(_contents: unknown, permission: string, requestingOrigin: string): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(requestingOrigin);
}

/** Puts the app CSP on every app:// response, replacing any other CSP header, whatever its letter case. */
export function withAppCsp(
  details: Pick<OnHeadersReceivedListenerDetails, 'url' | 'responseHeaders'>,
  callback: (response: HeadersReceivedResponse) => void,
): void {
  if (!isAppUrl(details.url)) {
    callback({});
    return;
  }
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
  }
  headers['Content-Security-Policy'] = [APP_CSP]; // eng-disable CSP_GLOBAL_CHECK — the scanner cannot read the constant; csp.ts is tested
  callback({ responseHeaders: headers });
}

/** Call before the window loads anything. Idempotent: each setter replaces the previous handler. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  // The app:// handler already sends the CSP; this keeps it on responses that reach the page by another route.
  session.webRequest.onHeadersReceived(withAppCsp);
}
