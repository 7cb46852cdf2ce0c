// Serves the built renderer from app://sinch-keys instead of file:// (docs/security-checklist.md#electron-checklist item 18), which lets the
// GrantFileProtocolExtraPrivileges fuse stay off.
import { protocol } from 'electron';
import { createAppProtocolHandler } from '../core/app-assets';
import { APP_SCHEME } from '../shared/url-policy';

/** Must run before the app's `ready` event: privileged schemes can only be registered then. */
export function registerAppScheme(): void {
  // standard: real origin and relative URLs; secure: counts as a secure context. No bypassCSP, no CORS.
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function handleAppProtocol(rootDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rootDir));
}
