// What people paste: a .env block, the Sinch CLI's credentials JSON, or labelled text copied from a dashboard or a
// password manager. The recogniser finds the same credentials in each, and says plainly when the text is no key block.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recogniseKeyBlock } from '../../core/key-block';
import { AppError } from '../../shared/errors';

const PROJECT = '3f6c2a1e-8b4d-4c7a-9e21-5d0b7f9a4c13';
const KEY_ID = 'b5e2d8c4-1a7f-4e93-a6d0-2c9f1e8b7a54';
const KEY_SECRET = 'e2e-Secret.Value_9f3K2mQ7xL';
const APP_KEY = '9a4f7c21-6e3b-4d58-8c1a-0b2e4f6d8a93';
const APP_SECRET = 'BeIukql3pTKJ8RGL5zo0DA==';

const ACCESS_KEY = { kind: 'accessKey', keyId: KEY_ID, secret: KEY_SECRET };
const APPLICATION_KEY = { kind: 'applicationKey', applicationKey: APP_KEY, secret: APP_SECRET };

function found(text: string) {
  const { format, bundle } = recogniseKeyBlock(text);
  return { format, projectId: bundle.profile.projectId, credentials: bundle.credentials };
}

function failure(text: string): AppError {
  try {
    recogniseKeyBlock(text);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('the text was taken for a key block');
}

describe('recognising a key block', () => {
  it('reads a .env block, Windows line ends and quotes included', () => {
    const text = `# from my project\r\nSINCH_PROJECT_ID="${PROJECT}"\r\nSINCH_KEY_ID='${KEY_ID}'\r\nSINCH_KEY_SECRET=${KEY_SECRET}\r\n`;
    expect(found(text)).toEqual({ format: 'dotenv', projectId: PROJECT, credentials: [ACCESS_KEY] });
  });

  it('reads the Sinch CLI credentials JSON', () => {
    const text = JSON.stringify({ projectId: PROJECT, applicationKey: APP_KEY, applicationSecret: APP_SECRET });
    expect(found(text)).toEqual({ format: 'sinch-cli-json', projectId: PROJECT, credentials: [APPLICATION_KEY] });
  });

  it('reads labelled text the way the dashboard copies it, in any order, with = or : and stray spaces', () => {
    const text = `  Key Secret :  ${KEY_SECRET}  \n\nProject ID: ${PROJECT}\n  key id = "${KEY_ID}"\n`;
    expect(found(text)).toEqual({ format: 'labelled-text', projectId: PROJECT, credentials: [ACCESS_KEY] });
  });

  it('reads a password manager note: application key and secret with bullets, tabs and a label on its own line', () => {
    const text = `Sinch voice app\r\n• Application key:\t${APP_KEY}\r\nApplication secret\r\n${APP_SECRET}\r\nProject\t${PROJECT}`;
    expect(found(text)).toEqual({ format: 'labelled-text', projectId: PROJECT, credentials: [APPLICATION_KEY] });
  });

  it('finds an access key and an application key in one block', () => {
    const text = `Project ID: ${PROJECT}\nKey ID: ${KEY_ID}\nKey Secret: ${KEY_SECRET}\nApplication key: ${APP_KEY}\nApplication secret: ${APP_SECRET}`;
    expect(found(text).credentials).toEqual([ACCESS_KEY, APPLICATION_KEY]);
  });

  it('keeps a key ID without its secret out of the credentials, reported as incomplete', () => {
    const { bundle } = recogniseKeyBlock(`Key ID: ${KEY_ID}`);
    expect(bundle.credentials).toEqual([]);
    expect(bundle.incomplete).toEqual([{ kind: 'accessKey', publicId: KEY_ID }]);
  });

  it('says "not a key block" for text with nothing Sinch-shaped in it, and where the keys are', () => {
    for (const text of ['hello world', 'https://example.com/a?b=c', 'NODE_ENV=production\nPORT=3000', '   ']) {
      const error = failure(text);
      expect(error.code).toBe('IMPORT_FAILED');
      expect(error.message).toMatch(/^This is not a key block/);
      expect(error.hint).toContain('Settings → Access Keys');
    }
  });

  it('never throws anything but an AppError, whatever is pasted', () => {
    const pieces = fc.oneof(
      fc.string(),
      fc.constantFrom('{', '}', '"', ':', '=', '\t', '\r\n', '\n', 'Key ID', 'SINCH_KEY_SECRET', 'Project ID:', '•', '\uFEFF'),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        try {
          recogniseKeyBlock(parts.join(''));
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never echoes a pasted secret in its error, even in broken JSON or a block it cannot use', () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9._~+/=-]{12,40}$/);
    const frame = fc.constantFrom(
      (s: string) => `{"keySecret": "${s}"`,
      (s: string) => `{"keySecret": ${s}}`,
      (s: string) => `[${JSON.stringify(s)}]`,
      (s: string) => `${s}`,
      (s: string) => `Secret sauce: ${s}`,
      (s: string) => `UNRELATED_VALUE=${s}`,
    );
    fc.assert(
      fc.property(secret, frame, (s, wrap) => {
        try {
          recogniseKeyBlock(wrap(s));
        } catch (err) {
          const e = err as AppError;
          expect(`${e.message} ${e.hint ?? ''}`).not.toContain(s);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
