// `exec --mask`: a secret in the child's output becomes ****, wherever the pipe cuts it into chunks.
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMaskingStream } from '../../core/mask-stream';

async function throughMask(chunks: string[], secrets: string[]): Promise<string> {
  const out: Buffer[] = [];
  const stream = Readable.from(chunks.map((c) => Buffer.from(c, 'latin1'))).pipe(createMaskingStream(secrets));
  for await (const chunk of stream) out.push(chunk as Buffer);
  return Buffer.concat(out).toString('latin1');
}

/** Cuts text into pieces at the given positions. */
const cut = (text: string, at: number[]) => {
  const points = [...new Set(at.map((n) => n % (text.length + 1)))].sort((a, b) => a - b);
  return [...points, text.length].map((end, i) => text.slice(i === 0 ? 0 : points[i - 1], end));
};

describe('masking a child process output', () => {
  const SECRET = 'kS3cr3t-from-the-dashboard_42';
  const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJrZXkifQ.c2lnbmF0dXJl';

  it('replaces the secret and the token, and leaves everything else as it was', async () => {
    const text = `secret=${SECRET}\ntoken=${TOKEN} done\n`;
    expect(await throughMask([text], [SECRET, TOKEN])).toBe('secret=****\ntoken=**** done\n');
  });

  it('masks a secret split across chunks at any point, whatever else surrounds it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.string(), fc.array(fc.nat(), { maxLength: 6 }), async (before, after, at) => {
        const text = `${before}${SECRET}${after}${TOKEN}`;
        const masked = await throughMask(cut(text, at), [SECRET, TOKEN]);
        expect(masked).not.toContain(SECRET);
        expect(masked).not.toContain(TOKEN);
        expect(masked).toContain(before.replaceAll(SECRET, '****'));
      }),
      { numRuns: 300 },
    );
  });

  it('lets output that cannot be the start of a secret through at once, holding back only a possible prefix', async () => {
    const mask = createMaskingStream([SECRET]);
    const seen: string[] = [];
    mask.on('data', (c: Buffer) => seen.push(c.toString('latin1')));
    mask.write(Buffer.from('Password? '));
    mask.write(Buffer.from(`value kS3`));
    await new Promise((r) => setImmediate(r));
    expect(seen.join('')).toBe('Password? value ');
    mask.end(Buffer.from('cr3t-from-the-dashboard_42!'));
    await new Promise((r) => mask.on('end', r));
    expect(seen.join('')).toBe('Password? value ****!');
  });

  it('passes bytes that are not UTF-8 through unchanged', async () => {
    const raw = Buffer.from([0xff, 0x00, 0xc3, 0x28]).toString('latin1');
    expect(await throughMask([raw], [SECRET])).toBe(raw);
  });
});
