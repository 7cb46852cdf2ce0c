// `exec --mask`: the child's output with every secret value replaced by ****. Output flows through at once, except
// a tail that could be the start of a secret split across two chunks; that tail waits for the next chunk (or the
// end), so a secret is masked wherever the pipe happens to cut it.
import { Transform } from 'node:stream';

export const MASK = '****';

/** The longest tail of `text` that is a proper prefix of some secret (0 when none could continue there). */
function pendingTail(text: string, secrets: readonly string[]): number {
  let longest = 0;
  for (const secret of secrets)
    for (let n = Math.min(secret.length - 1, text.length); n > longest; n--)
      if (text.endsWith(secret.slice(0, n))) {
        longest = n;
        break;
      }
  return longest;
}

export function createMaskingStream(values: readonly string[]): Transform {
  // Longest first, so a secret that contains another is masked whole.
  const secrets = [...new Set(values.filter((v) => v.length > 0))].sort((a, b) => b.length - a.length);
  const maskAll = (text: string) => secrets.reduce((t, s) => t.split(s).join(MASK), text);
  let held = '';
  // latin1 maps every byte to one character and back, so non-UTF-8 output passes through unchanged.
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const text = maskAll(held + chunk.toString('latin1'));
      const keep = pendingTail(text, secrets);
      held = text.slice(text.length - keep);
      done(null, Buffer.from(text.slice(0, text.length - keep), 'latin1'));
    },
    flush(done) {
      done(null, Buffer.from(maskAll(held), 'latin1'));
    },
  });
}
