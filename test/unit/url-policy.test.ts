// docs/security-checklist.md#navigation item 9: one URL table driven through the pure policy and through every Electron handler.
// Electron cannot run here, so the WebContents and Session are small fakes that record what the guards register.
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  attachNavigationGuards,
  blockWebview,
  guardNavigation,
  handleWindowOpen,
  hardenSession,
  withAppCsp,
} from '../../electron/navigation';
import { APP_CSP } from '../../shared/csp';
import {
  APP_ORIGIN,
  decideNavigation,
  EXTERNAL_ALLOWLIST,
  isAllowedExternal,
  isAppUrl,
  type NavigationDecision,
} from '../../shared/url-policy';

const IN_APP: NavigationDecision = 'allow-in-app';
const EXTERNAL: NavigationDecision = 'open-external';
const DENY: NavigationDecision = 'deny';

const URL_TABLE: readonly (readonly [string, NavigationDecision])[] = [
  // The app's own origin
  ['app://sinch-keys/index.html', IN_APP],
  ['app://sinch-keys/', IN_APP],
  ['app://sinch-keys', IN_APP],
  ['app://sinch-keys/profiles/42?tab=keys#top', IN_APP],
  ['APP://sinch-keys/index.html', IN_APP],
  // app:// look-alikes
  ['app://sinch-keys.evil/', DENY],
  ['app://sinch-keys@evil/', DENY],
  ['app://evil@sinch-keys/', DENY],
  ['app://user:pass@sinch-keys/', DENY],
  ['app://sinch-keys:443/', DENY],
  ['app://sinch-keys./', DENY],
  ['app://SINCH-KEYS/', DENY],
  ['app://evil/index.html', DENY],
  ['app://sinch-keys-evil/', DENY],
  ['app://sinch-keys%2eevil/', DENY],
  ['app:sinch-keys/index.html', DENY],
  ['app:///sinch-keys/index.html', DENY],
  ['app://sinch-keys\\index.html', DENY],
  [' app://sinch-keys/index.html', DENY],
  ['blob:app://sinch-keys/3c2a', DENY],
  ['sinch-keys://app/', DENY],
  // Allowlisted https origins
  ['https://dashboard.sinch.com/', EXTERNAL],
  ['https://dashboard.sinch.com', EXTERNAL],
  ['https://developers.sinch.com/docs/identity-access-management/access/access-keys', EXTERNAL],
  ['https://community.sinch.com/t5/Sinch/ct-p/sinch', EXTERNAL],
  ['https://www.sinch.com/', EXTERNAL],
  ['https://app.mailgun.com/mg/dashboard', EXTERNAL],
  ['https://documentation.mailgun.com/docs/mailgun/', EXTERNAL],
  ['https://help.mailgun.com/hc/en-us', EXTERNAL],
  ['HTTPS://DASHBOARD.SINCH.COM/settings', EXTERNAL],
  ['https://dashboard.sinch.com:443/', EXTERNAL],
  ['https://dashboard.sinch.com/?next=https://evil.com', EXTERNAL],
  ['https://developers.sinch.com/docs#@evil.com', EXTERNAL],
  ['https:dashboard.sinch.com', EXTERNAL],
  // https look-alikes and tricks
  ['https://dashboard.sinch.com.evil.com/', DENY],
  ['https://evil.com#@dashboard.sinch.com', DENY],
  ['https://evil.com?@dashboard.sinch.com', DENY],
  ['https://user@evil.com/', DENY],
  ['https://dashboard.sinch.com@evil.com/', DENY],
  ['https://dashboard.sinch.com%2F@evil.com/', DENY],
  ['https://user@dashboard.sinch.com/', DENY],
  ['https://user:pass@dashboard.sinch.com/', DENY],
  ['https://dashboard.sinch.com./', DENY],
  ['https://dashboard.sinch.com:8443/', DENY],
  ['https://dashboard.sinch.com:80/', DENY],
  ['https://dashboard.s\u0456nch.com/', DENY],
  ['https://dashboard.xn--snch-l9d.com/', DENY],
  ['https://dashboard.sinch.com%2eevil.com/', DENY],
  ['https://dashboard.sinch.com\u200b/', DENY],
  [' https://dashboard.sinch.com/', DENY],
  ['https://dashboard.sinch.com/ ', DENY],
  ['\thttps://dashboard.sinch.com/', DENY],
  ['https://dashboard.sinch.com/\n', DENY],
  ['https://dash\tboard.sinch.com/', DENY],
  ['https://dashboard.sinch.com/\u202egnp.exe', DENY],
  ['https:\\\\dashboard.sinch.com\\', DENY],
  ['https://sinch.com/', DENY],
  ['https://evil-sinch.com/', DENY],
  ['https://sinch.com.evil/', DENY],
  ['https://mailgun.com/', DENY],
  ['https://api.mailgun.net/v3/domains', DENY],
  ['https://auth.sinch.com/oauth2/token', DENY],
  ['https://127.0.0.1/', DENY],
  ['https://[::1]/', DENY],
  // Wrong scheme for an allowlisted host
  ['http://dashboard.sinch.com/', DENY],
  ['HTTP://DASHBOARD.SINCH.COM/', DENY],
  ['wss://dashboard.sinch.com/', DENY],
  ['ftp://dashboard.sinch.com/', DENY],
  ['blob:https://dashboard.sinch.com/6f1c', DENY],
  // Schemes that run code, read files or launch other programs
  ['javascript:alert(1)', DENY],
  ['JAVASCRIPT:alert(1)', DENY],
  ['JaVaScRiPt:alert(document.domain)', DENY],
  ['javascript://dashboard.sinch.com/%0aalert(1)', DENY],
  ['data:text/html,<script>alert(1)</script>', DENY],
  ['data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', DENY],
  ['file:///etc/passwd', DENY],
  ['file://C:/Windows/System32/calc.exe', DENY],
  ['FILE:///C:/Windows/win.ini', DENY],
  ['smb://attacker.example/share/payload.exe', DENY],
  ['\\\\attacker.example\\share\\payload.exe', DENY],
  ['//attacker.example/share', DENY],
  ['ms-msdt:/id PCWDiagnostic /skip force', DENY],
  ['ms-msdt:-id%20PCWDiagnostic', DENY],
  ['ms-settings:privacy', DENY],
  ['search-ms:query=invoice&crumb=location:\\\\attacker.example\\share', DENY],
  ['vscode://file/etc/passwd', DENY],
  ['mailto:support@sinch.com', DENY],
  ['about:blank', DENY],
  ['chrome://settings', DENY],
  ['devtools://devtools/bundled/inspector.html', DENY],
  // Not URLs at all
  ['', DENY],
  ['dashboard.sinch.com', DENY],
  ['not a url', DENY],
];

const CASES = URL_TABLE.map(([url, expected]) => ({ url, expected, shown: JSON.stringify(url) }));

interface FakeNavigationEvent {
  url: string;
  prevented: boolean;
  preventDefault(): void;
}

function navigationEvent(url: string): FakeNavigationEvent {
  return {
    url,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

/** Records what attachNavigationGuards registers, so the test can fire events the way Electron would. */
function fakeWebContents() {
  const listeners = new Map<string, (event: FakeNavigationEvent) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on(name: string, listener: (event: FakeNavigationEvent) => void) {
      listeners.set(name, listener);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      openHandler = handler;
    },
  };
  return {
    contents: contents as unknown as WebContents,
    listeners,
    fire(name: string, url: string): FakeNavigationEvent {
      const event = navigationEvent(url);
      const listener = listeners.get(name);
      if (listener === undefined) throw new Error(`no ${name} listener was attached`);
      listener(event);
      return event;
    },
    open(url: string) {
      if (openHandler === undefined) throw new Error('no window-open handler was set');
      return openHandler({ url });
    },
  };
}

describe('the URL table', () => {
  it('has at least 60 cases and covers every allowlisted origin', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    for (const origin of EXTERNAL_ALLOWLIST) {
      expect(CASES.some(({ url, expected }) => expected === EXTERNAL && url.toLowerCase().startsWith(origin))).toBe(true);
    }
  });

  it('keeps the allowlist to https origins with no path, port or userinfo', () => {
    for (const origin of EXTERNAL_ALLOWLIST) expect(new URL(origin).origin).toBe(origin);
    expect(EXTERNAL_ALLOWLIST.every((origin) => origin.startsWith('https://'))).toBe(true);
    expect(APP_ORIGIN).toBe('app://sinch-keys');
  });
});

describe('decideNavigation, isAppUrl and isAllowedExternal', () => {
  it.each(CASES)('$shown is decided $expected', ({ url, expected }) => {
    expect(decideNavigation(url)).toBe(expected);
    expect(isAppUrl(url)).toBe(expected === IN_APP);
    expect(isAllowedExternal(url)).toBe(expected === EXTERNAL);
  });

  it('refuses values that are not strings, as an IPC payload might send', () => {
    for (const value of [undefined, null, 42, { href: 'https://dashboard.sinch.com/' }, ['app://sinch-keys/']]) {
      expect(decideNavigation(value as unknown as string)).toBe(DENY);
    }
  });
});

describe('navigation guards on the window', () => {
  it.each(CASES)(
    'will-navigate, will-frame-navigate and will-redirect to $shown stay in the app only when allowed',
    ({ url, expected }) => {
      const fake = fakeWebContents();
      attachNavigationGuards(fake.contents, { openExternal: vi.fn() });
      for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
        expect(fake.fire(name, url).prevented).toBe(expected !== IN_APP);
      }
      const direct = navigationEvent(url);
      guardNavigation(direct, url);
      expect(direct.prevented).toBe(expected !== IN_APP);
    },
  );

  it.each(CASES)(
    'window.open($shown) never opens an Electron window and reaches the browser only when allowlisted',
    ({ url, expected }) => {
      const openExternal = vi.fn();
      const fake = fakeWebContents();
      attachNavigationGuards(fake.contents, { openExternal });
      expect(fake.open(url)).toEqual({ action: 'deny' });
      expect(handleWindowOpen(url, openExternal)).toEqual({ action: 'deny' });
      if (expected === EXTERNAL) {
        expect(openExternal).toHaveBeenCalledTimes(2);
        // The browser gets the canonical href that was checked, never the raw string.
        expect(openExternal).toHaveBeenNthCalledWith(1, new URL(url).href);
        expect(openExternal).toHaveBeenNthCalledWith(2, new URL(url).href);
      } else {
        expect(openExternal).not.toHaveBeenCalled();
      }
    },
  );

  it('a navigation to an allowlisted site is blocked in the window, not opened behind the user’s back', () => {
    const openExternal = vi.fn();
    const fake = fakeWebContents();
    attachNavigationGuards(fake.contents, { openExternal });
    expect(fake.fire('will-navigate', 'https://dashboard.sinch.com/').prevented).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('every <webview> is refused before it attaches', () => {
    const fake = fakeWebContents();
    attachNavigationGuards(fake.contents, { openExternal: vi.fn() });
    expect(fake.fire('will-attach-webview', 'app://sinch-keys/index.html').prevented).toBe(true);
    const direct = navigationEvent('');
    blockWebview(direct);
    expect(direct.prevented).toBe(true);
  });

  it('registers exactly the guarded events', () => {
    const fake = fakeWebContents();
    attachNavigationGuards(fake.contents, { openExternal: vi.fn() });
    expect([...fake.listeners.keys()].sort()).toEqual([
      'will-attach-webview',
      'will-frame-navigate',
      'will-navigate',
      'will-redirect',
    ]);
  });
});

describe('the hardened session', () => {
  function fakeSession() {
    const recorded: {
      request?: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
      check?: (...args: unknown[]) => boolean;
      headers?: typeof withAppCsp;
    } = {};
    const session = {
      setPermissionRequestHandler: (handler: typeof recorded.request) => {
        recorded.request = handler;
      },
      setPermissionCheckHandler: (handler: typeof recorded.check) => {
        recorded.check = handler;
      },
      webRequest: {
        onHeadersReceived: (handler: typeof withAppCsp) => {
          recorded.headers = handler;
        },
      },
    };
    hardenSession(session as unknown as Session);
    return recorded;
  }

  const PERMISSIONS = ['media', 'notifications', 'clipboard-read', 'geolocation', 'openExternal', 'fullscreen', 'unknown'];

  it('refuses every permission request and every permission check', () => {
    const { request, check } = fakeSession();
    for (const permission of PERMISSIONS) {
      const callback = vi.fn();
      request?.(null, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(check?.(null, permission, APP_ORIGIN, {})).toBe(false);
    }
  });

  it('lets only our own page write (never read) the clipboard, so copy buttons work', () => {
    const { request, check } = fakeSession();
    expect(check?.(null, 'clipboard-sanitized-write', APP_ORIGIN, {})).toBe(true);
    expect(check?.(null, 'clipboard-sanitized-write', 'https://evil.example', {})).toBe(false);
    expect(check?.(null, 'clipboard-read', APP_ORIGIN, {})).toBe(false);
    const callback = vi.fn();
    request?.(null, 'clipboard-sanitized-write', callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('puts the app CSP on app:// responses and replaces any CSP already there', () => {
    const { headers } = fakeSession();
    const callback = vi.fn();
    headers?.(
      {
        url: 'app://sinch-keys/index.html',
        responseHeaders: {
          'content-security-policy': ["default-src *; script-src 'unsafe-inline'"],
          'Content-Type': ['text/html'],
        },
      },
      callback,
    );
    expect(callback).toHaveBeenCalledExactlyOnceWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [APP_CSP] },
    });
  });

  it('leaves responses from other origins as they are', () => {
    const callback = vi.fn();
    withAppCsp({ url: 'devtools://devtools/bundled/inspector.html', responseHeaders: { a: ['b'] } }, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith({});
  });
});
