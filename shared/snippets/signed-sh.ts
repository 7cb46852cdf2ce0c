// A runnable Application-signed request (Voice, Verification) as POSIX sh: the signature is computed when the snippet
// runs (docs/protocol.md#signing), because it signs a timestamp and expires within minutes. openssl's own HMAC options
// (-hmac, -macopt hexkey:) take the key on the command line, where every user can read it through `ps`; so HMAC is
// done by hand (RFC 2104) with the shell's printf builtin and openssl dgst reading only from pipes.

/** The shell function and the steps that build `Authorization` and `x-timestamp`; the caller pipes them to curl. */
export function signedRequestLines(o: {
  method: string;
  /** docs/protocol.md#signing-paths-and-queries: the path only, the query is not signed. */
  path: string;
  contentType: string;
  /** A shell word that expands to the body ('' for none). */
  bodyWord: string;
  keyWord: string;
  secretWord: string;
}): string[] {
  return [
    '# Application signing (docs/protocol.md#signing), computed now: the signature covers a timestamp and expires in minutes.',
    '# HMAC-SHA256 by hand (RFC 2104) so that the key never lands on a command line: openssl reads only pipes.',
    'bytes() { od -An -v -tu1; }',
    'unbytes() { for b in $1; do printf "\\\\$(printf %03o "$b")"; done; }',
    'hmac_pad() { n=0; for b in $key; do printf "\\\\$(printf %03o $((b ^ $1)))"; n=$((n + 1)); done',
    '  while [ "$n" -lt 64 ]; do printf "\\\\$(printf %03o "$1")"; n=$((n + 1)); done; }',
    `key=$(printf '%s' ${o.secretWord} | openssl base64 -d -A | bytes)`,
    'set -- $key',
    `if [ "$#" -gt 64 ]; then key=$(printf '%s' ${o.secretWord} | openssl base64 -d -A | openssl dgst -sha256 -binary | bytes); fi`,
    `body=${o.bodyWord}`,
    `content_md5=''`,
    `if [ -n "$body" ]; then content_md5=$(printf '%s' "$body" | openssl dgst -md5 -binary | openssl base64 -A); fi`,
    'timestamp=$(date -u +%Y-%m-%dT%H:%M:%SZ)',
    `string_to_sign=$(printf '%s\\n%s\\n%s\\n%s\\n%s' ${shq(o.method)} "$content_md5" ${shq(o.contentType)} "x-timestamp:$timestamp" ${shq(o.path)})`,
    `inner=$({ hmac_pad 54; printf '%s' "$string_to_sign"; } | openssl dgst -sha256 -binary | bytes)`,
    'signature=$({ hmac_pad 92; unbytes "$inner"; } | openssl dgst -sha256 -binary | openssl base64 -A)',
    `printf 'Authorization: Application %s:%s\\nx-timestamp: %s\\n' ${o.keyWord} "$signature" "$timestamp" |`,
  ];
}

/** Single-quoted for sh; the values here are a method, a path and a content type, never a secret. */
const shq = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`;
