// How a failure below HTTP is put into words, for both network stacks: Node's (CLI, browser mode) reports system
// error codes, Chromium's (the desktop app, via electron/net-fetch.ts) reports net::ERR_… names. The fix for an
// untrusted certificate differs: Chromium trusts the system's store, Node needs NODE_EXTRA_CA_CERTS.
import { describe, expect, it } from 'vitest';
import { networkError, PROXY_REFUSED } from '../../core/http-client';

const URL_ = 'https://eu.sms.api.sinch.com/xms/v1';
const failed = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });
const chromium = (name: string) => Object.assign(new Error(name), { code: name });

describe('network failures in words', () => {
  it.each([
    ['Node', failed('ENOTFOUND'), 'dns'],
    ['Chromium', chromium('net::ERR_NAME_NOT_RESOLVED'), 'dns'],
    ['Node', failed('ECONNREFUSED'), 'refused'],
    ['Chromium', chromium('net::ERR_CONNECTION_REFUSED'), 'refused'],
    ['Node', failed('UND_ERR_CONNECT_TIMEOUT'), 'timeout'],
    ['Chromium', chromium('net::ERR_CONNECTION_TIMED_OUT'), 'timeout'],
    ['Node', failed('SELF_SIGNED_CERT_IN_CHAIN'), 'tls'],
    ['Chromium', chromium('net::ERR_CERT_AUTHORITY_INVALID'), 'tls'],
  ])('%s: %o is a %s failure', (_stack, err, failure) => {
    expect(networkError(err, URL_).failure).toBe(failure);
  });

  it('an untrusted certificate in the desktop app points at the system trust store, not at Node variables', () => {
    const hint = networkError(chromium('net::ERR_CERT_AUTHORITY_INVALID'), URL_).hint ?? '';
    expect(hint).toContain("system's trust store");
    expect(hint).not.toContain('NODE_EXTRA_CA_CERTS');
  });

  it('an untrusted certificate in the CLI or browser mode says to set NODE_EXTRA_CA_CERTS (and the proxy variables)', () => {
    const hint = networkError(failed('UNABLE_TO_GET_ISSUER_CERT_LOCALLY'), URL_).hint ?? '';
    expect(hint).toContain('set NODE_EXTRA_CA_CERTS');
    expect(hint).toContain('HTTPS_PROXY');
  });

  it('a proxy that fails is named as the proxy, with the setting to check for each stack', () => {
    const desktop = networkError(chromium('net::ERR_TUNNEL_CONNECTION_FAILED'), URL_);
    const node = networkError(failed(PROXY_REFUSED), URL_);
    expect([desktop.message, node.message]).toEqual([
      'The proxy did not connect to eu.sms.api.sinch.com (net::ERR_TUNNEL_CONNECTION_FAILED).',
      `The proxy did not connect to eu.sms.api.sinch.com (${PROXY_REFUSED}).`,
    ]);
    expect(desktop.hint).toContain("system's proxy settings");
    expect(node.hint).toContain('HTTPS_PROXY');
  });
});
