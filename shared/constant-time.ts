// The one comparison for secrets (webhook signatures, the browser-mode launch token and session cookie, the agent
// proxy's tokens): its time depends only on the length of the expected value, never on how much of a guess is right,
// so a forger cannot find a signature or a token one character at a time. Pure, so the renderer can use it too.

const encoder = new TextEncoder();

/**
 * True only when `given` holds exactly the bytes of `expected`. The loop always walks the whole expected value: a
 * length mismatch is folded into the result rather than returned early.
 */
export function bytesEqual(given: Uint8Array, expected: Uint8Array): boolean {
  let difference = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) difference |= (given[i] ?? 0) ^ (expected[i] ?? 0);
  return difference === 0;
}

/**
 * True only when `given` is exactly `expected`, byte for byte in UTF-8. A prefix, a longer value, an empty or a
 * missing one is false; an empty expected value matches nothing, so an unset secret opens nothing.
 */
export function secretsEqual(given: string | undefined, expected: string): boolean {
  const same = bytesEqual(encoder.encode(given ?? ''), encoder.encode(expected));
  return same && given !== undefined && expected !== '';
}
