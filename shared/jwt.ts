// Reads the payload of a JWT without checking its signature: Sinch's access token is a JWT whose `exp` claim tells
// when it expires, and the Node SDK reads it the same way (docs/protocol.md#token-response). Nothing here trusts the claims for
// security; they only drive the expiry countdown and the "claims" panel.

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Decodes base64url (RFC 4648 §5, padding optional) to UTF-8 text; throws on anything that is not valid base64url or UTF-8. */
export function base64UrlDecode(input: string): string {
  if (!BASE64URL.test(input) || input.length % 4 === 1) throw new Error('not base64url');
  const base64 = input
    .replaceAll('-', '+')
    .replaceAll('_', '/')
    .padEnd(Math.ceil(input.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** The payload of a compact JWS (header.payload.signature) as an object, or undefined when the token is not one. */
export function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[1] === undefined) return undefined;
  try {
    const payload: unknown = JSON.parse(base64UrlDecode(parts[1]));
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
