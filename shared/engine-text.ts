// The engine's own sentences — errors, callback verdicts, snippet warnings — one entry per id with {placeholders},
// as diagnosis-text.ts does for diagnoses. The engine sends the id and its facts (ids, numbers, names the user typed)
// beside the English words; the UI translates by id (locale section "engineText") with its own vocabulary, and the
// CLI adds hints that name its flags (cli/hints.ts). A hint here names no control of any door.
import type { CredentialKind, ProductId } from './catalog';
import { fillText } from './diagnosis';
import { ENGLISH_WORDS, type Words } from './diagnosis-text';
import { AppError, type ErrorCode } from './errors';
import type { OverrideTarget } from './profile';

export const KEYCHAIN_BACKENDS = ['macosKeychain', 'windowsCredentialManager', 'secretService', 'memory'] as const;
export type KeychainBackend = (typeof KEYCHAIN_BACKENDS)[number];

type Text = { message: string; hint?: string };

const CALLBACK_MISMATCH = 'The signature does not match: ';
const MAILGUN_BODY_HINT =
  'Paste the whole JSON body Mailgun posted; it has a "signature" object with timestamp, token and signature.';

export const ENGINE_TEXT = {
  hostNotHttps: {
    message: 'Sinch Keys will not send {kindName} to {host}: the connection is not https.',
    hint: 'Give the base URL override for {target} an https:// URL (http:// only for 127.0.0.1, localhost and [::1]).',
  },
  hostNotSinch: {
    message: 'Sinch Keys will not send {kindName} to {host}: it is not a Sinch host for {target}.',
    hint: "If you trust {host} (a proxy or a test server), confirm on the profile's base URL override for {target} that its secrets may be sent there.",
  },
  functionHostUnconfirmed: {
    message: "This profile's access key has not been sent to {host} before, so Sinch Keys will not send it there unasked.",
    hint: 'If this is your function (on *.sinch.com, your own domain or a tunnel), confirm once that the key may be sent to {host}.',
  },
  keychainLocked: {
    message: 'The {backend} is locked, so Sinch Keys cannot read or store secrets.',
    hint: 'Unlock your keychain (log in again or open your keyring manager), then retry.',
  },
  keychainNoDefault: {
    message:
      'The {backend} is running but has no default keyring, so Sinch Keys cannot store secrets. Nothing was saved to disk instead.',
    hint: 'Create a default keyring (for example "Login" in Seahorse / Passwords and Keys), then retry.',
  },
  keychainUnavailable: {
    message: 'The {backend} is not available, so Sinch Keys cannot read or store secrets. Nothing was saved to disk instead.',
    hint: 'On Linux, install and start a Secret Service provider (gnome-keyring or KWallet) in your desktop session with a default keyring.',
  },
  keychainTimeout: {
    message: 'The {backend} did not answer.',
    hint: 'An unlock prompt may be waiting behind another window, or the keyring service is stuck; answer or restart it and retry.',
  },
  keychainTimeoutAfter: {
    message: 'The {backend} did not answer within {after}.',
    hint: 'An unlock prompt may be waiting behind another window, or the keyring service is stuck; answer or restart it and retry.',
  },
  keychainEntryMissing: {
    message: 'The secret of "{label}" in profile "{profile}" is not in the {backend}.',
    hint: 'It may have been deleted in your keychain manager. Edit the credential and paste the secret again.',
  },
  callbackMatch: { message: 'The signature matches: this callback was signed with your secret.' },
  callbackUnsigned: { message: 'The request has no {header} header, so it is not signed.' },
  callbackHeaderMissing: { message: 'The request has no {header} header, which is part of what Sinch signs.' },
  callbackAuthorizationMalformed: {
    message: 'The Authorization header is malformed: expected "Application <application key>:<signature>" with a single space.',
  },
  callbackAuthorizationBasic: {
    message:
      'The Authorization header uses Basic, which carries no signature to check; Sinch signs Voice and Verification callbacks with the Application scheme.',
  },
  callbackAuthorizationScheme: {
    message: 'The Authorization header does not use the Application scheme that Sinch signs callbacks with.',
  },
  callbackAuthorizationNoKey: {
    message: 'The Authorization header is malformed: after "Application " it should hold "<application key>:<signature>".',
  },
  callbackWrongApplication: {
    message: "The callback is signed for application key {signedFor}, not {applicationKey}: check which app's secret to use.",
  },
  callbackAlgorithm: {
    message: 'The x-sinch-webhook-signature-algorithm header names an algorithm other than HmacSHA256, which is all Sinch uses.',
  },
  callbackMismatchApplication: {
    message: `${CALLBACK_MISMATCH}the secret is wrong, or the body, path, method, Content-Type or x-timestamp differ from what Sinch signed.`,
  },
  callbackMismatchConversation: {
    message: `${CALLBACK_MISMATCH}the secret is wrong, or the body, nonce or timestamp differ from what Sinch signed.`,
  },
  callbackMismatchNumbers: {
    message: `${CALLBACK_MISMATCH}the callback secret is wrong, or the body differs from what Sinch signed.`,
  },
  callbackMismatchMailgun: {
    message: `${CALLBACK_MISMATCH}use the HTTP webhook signing key (Mailgun → API Security), not an API key, and the unchanged timestamp and token.`,
  },
  callbackTimestampNotATime: {
    message: 'The signature is genuine, but its timestamp is not a time, so its age cannot be checked.',
  },
  callbackReplayed: {
    message: 'The signature is genuine, but it is {age} old, outside the window of ±{window} — possibly replayed.',
  },
  callbackFromTheFuture: {
    message:
      "The signature is genuine, but it is dated {age} in the future, outside the window of ±{window}: check this computer's clock, or it was forged with a future time.",
  },
  mailgunBodyNotJson: { message: 'The Mailgun webhook body is not JSON.', hint: MAILGUN_BODY_HINT },
  mailgunBodyNoSignature: { message: 'The Mailgun webhook body has no "signature" object.', hint: MAILGUN_BODY_HINT },
  mailgunBodyLacks: { message: 'The Mailgun "signature" object lacks {fields}.', hint: MAILGUN_BODY_HINT },
  snippetTokenOnly: { message: '{product} has no read-only request; the snippet only exchanges a token.' },
  snippetMasked: { message: 'Not runnable: the secret is masked as ****, for sharing in a ticket or a screenshot.' },
  snippetInline: {
    message:
      'This command contains the secret itself: anyone who sees it can use the key. Prefer the version with environment variables.',
  },
  snippetSecretsShown: {
    message:
      'The snippet shows secrets in plain text. Anyone who can see your screen, your shell history or your clipboard can use them.',
  },
  profileGone: {
    message: 'That profile no longer exists.',
    hint: 'Refresh the list; it may have been deleted from the CLI or another window.',
  },
  credentialGone: { message: 'Profile "{profile}" has no such credential.' },
  profileNameTaken: { message: 'A profile named "{profile}" already exists.', hint: 'Choose another name.' },
  credentialKeyTaken: {
    message: 'This profile already has that key ({publicId}).',
    hint: 'Edit the existing credential to rotate its secret.',
  },
  credentialDomainTaken: {
    message: 'This profile already has that Mailgun domain ({publicId}).',
    hint: 'Edit the existing credential to rotate its secret.',
  },
  rotationSameSecret: {
    message: 'That is the secret already stored.',
    hint: 'Create a new key in the Sinch dashboard first.',
  },
  importNothingComplete: {
    message: 'No complete credential found (an ID together with its secret).',
    hint: 'Recognised names include SINCH_KEY_ID + SINCH_KEY_SECRET, SINCH_APPLICATION_KEY + SINCH_APPLICATION_SECRET, MAILGUN_API_KEY + MAILGUN_DOMAIN.',
  },
  importAllSaved: {
    message: 'Every credential in this text is already saved in "{profile}".',
    hint: 'Edit the saved credential to rotate its secret.',
  },
  keyBlockNone: {
    message: 'This is not a key block: no Sinch project ID, key ID, key secret, application key or secret was found in it.',
    hint: 'Paste what the Sinch dashboard shows for an access key (Settings → Access Keys: Project ID, Key ID, Key Secret) or an application (Voice/Verification → Apps: Application key, Application secret), a .env block, or a Sinch CLI credentials JSON.',
  },
  keyBlockBadJson: {
    message: 'The text starts like JSON but is not valid JSON.',
    hint: 'Paste the whole credentials file, or a .env block.',
  },
  keyBlockJsonNotObject: { message: 'A credentials JSON must be an object.' },
  settingsBusy: {
    message: 'Another Sinch Keys process has been changing {path} for more than {seconds} s.',
    hint: 'Wait for it to finish (the desktop app, browser mode or a CLI command), then try again.',
  },
  exportPathNotAbsolute: { message: 'Choose a full path for the .env file (for example /home/me/project/.env).' },
  exportPathUnapproved: {
    message: 'Sinch Keys exports only to a file you picked in its own save dialog.',
    hint: 'Choose the file with "Choose…" and export again.',
  },
  agentFolderUnapproved: {
    message: "Sinch Keys writes an AI client's project config only into a folder you picked in its own folder dialog.",
    hint: 'Choose the project folder with "Choose folder…" and write again.',
  },
  agentConfigDeclined: { message: 'You did not allow changing {path}; nothing was written.' },
  exportLinkDangling: {
    message: '{path} is a symbolic link to a file that does not exist, so Sinch Keys will not write through it.',
    hint: 'Remove the link, or choose another file.',
  },
  exportLinkUnconfirmed: {
    message:
      '{path} is a symbolic link to {linkTarget}. Nothing was written: Sinch Keys writes through a link only to a target you confirmed.',
    hint: 'If that is the file you mean, export again confirming that exact target (CLI: --through-link <target>); otherwise choose another file.',
  },
  exportNotUtf8: {
    message: '{path} is not UTF-8 text, so Sinch Keys will not rewrite it.',
    hint: 'Export to a new file, or convert this one to UTF-8 first.',
  },
  doctorNoBackup: {
    message: 'No kept-aside settings file at {path}.',
    hint: 'Run `sinch-keys doctor` to list them.',
  },
  doctorBackupEmpty: {
    message: 'Nothing readable is left in {path}.',
    hint: 'Start over with `sinch-keys doctor --start-fresh`; its secrets stay in the keychain until you delete them.',
  },
  doctorNotDamaged: { message: 'The settings file is not damaged, so there is nothing to start over from.' },
  doctorDamagedKeepsOrphans: {
    message: 'While the settings file is damaged every secret looks like an orphan, so none is deleted.',
    hint: 'Restore the kept-aside copy or start over first (`sinch-keys doctor`).',
  },
  applicationKeyEmpty: {
    message: 'The application key is empty.',
    hint: 'Copy it from the Sinch dashboard: Voice → Apps or Verification → Apps.',
  },
  applicationSecretNotBase64: {
    message: 'The application secret is empty or not base64.',
    hint: 'Copy the secret from the Sinch dashboard; it looks like BeIukql3pTKJ8RGL5zo0DA==.',
  },
  testWrongKind: {
    message: '{product} is called with {neededKind}, but this credential is {kindName}.',
    hint: 'Add {neededKind} to the profile and test {product} with it.',
  },
  testRegionUnknown: { message: '{product} has no region "{region}".', hint: 'Choose {regions}.' },
  testPathNoSlash: { message: 'The path must start with "/".' },
  testBodyNotAllowed: { message: 'A {method} request cannot have a body.' },
  testPathChangesHost: { message: 'The path must not change the host.' },
  tokenNeedsAccessKey: { message: 'Only project access keys (key ID + key secret) are exchanged for OAuth2 tokens.' },
  tokenUrlInvalid: { message: 'The token URL is not a valid URL.', hint: 'Sinch uses https://auth.sinch.com/oauth2/token.' },
  requestUrlInvalid: { message: 'The request URL is not a valid URL.', hint: 'Use the form https://host/path.' },
  requestCancelled: { message: 'You cancelled the request.' },
  foreignHostDeclined: { message: 'You did not allow sending secrets to {host}; nothing was saved or sent.' },
  functionUrlInvalid: {
    message: 'The function URL is not a valid URL.',
    hint: 'Use the form https://your-function-url/handler.',
  },
  functionUrlNotHttps: {
    message: 'The function URL must use https:// (http:// only for 127.0.0.1, localhost and [::1]).',
  },
  functionUrlCredentials: { message: 'The function URL must not contain a user name or password.' },
  headerLineMalformed: {
    message: 'Line {line} of the pasted headers is not of the form "Name: value".',
    hint: 'Paste only the header lines of the request, one header per line, for example "x-timestamp: 2014-09-24T10:59:41Z".',
  },
  contentTypeUnsendable: {
    message: 'The Content-Type cannot be sent: it holds a line break, a NUL or a character that HTTP headers cannot carry.',
    hint: 'Use a plain media type such as application/json; charset=utf-8.',
  },
} as const satisfies Record<string, Text>;

export type EngineTextId = keyof typeof ENGINE_TEXT;
export const ENGINE_TEXT_IDS = Object.keys(ENGINE_TEXT) as EngineTextId[];

/** The facts behind the placeholders: ids, numbers and names the user gave, which every language phrases itself. */
export interface EngineTextParams {
  host?: string;
  kind?: CredentialKind;
  target?: OverrideTarget;
  backend?: KeychainBackend;
  /** How long a call waited, in milliseconds. */
  afterMs?: number;
  /** A credential's label (or its public ID) and its profile's name, as the user wrote them. */
  label?: string;
  profile?: string;
  header?: string;
  applicationKey?: string;
  signedFor?: string;
  ageSeconds?: number;
  windowSeconds?: number;
  product?: ProductId;
  fields?: string[];
  /** A file the user chose or the engine keeps, and where a symbolic link there points. */
  path?: string;
  linkTarget?: string;
  /** A whole number of seconds the engine waited. */
  seconds?: number;
  /** A credential's public ID (key ID, application key, Mailgun domain) as the user pasted it. */
  publicId?: string;
  /** The kind of credential a product is called with, beside `kind`, the one the user chose. */
  neededKind?: CredentialKind;
  /** A region id the user chose, and the ones a product has. */
  region?: string;
  regions?: string[];
  method?: string;
  /** A line number, from 1, in text the user pasted. */
  line?: number;
}

/** An engine sentence as it crosses a boundary: which one, and its facts. */
export interface TextRef {
  id: EngineTextId;
  params: EngineTextParams;
}

/** The vocabulary a language fills engine placeholders with: the diagnosis words and a few of the engine's own. */
export interface EngineWords extends Words {
  target(target: OverrideTarget): string;
  backend(backend: KeychainBackend): string;
  /** A duration in whole days, hours, minutes or seconds, rounded down. */
  duration(unit: DurationUnit, count: number): string;
  milliseconds(ms: number): string;
}

export type DurationUnit = 'day' | 'hour' | 'minute' | 'second';

/** "301 seconds", "5 minutes", "3 hours", "2 days": seconds below ten minutes unless whole minutes. */
function durationParts(seconds: number): { unit: DurationUnit; count: number } {
  if (seconds >= 2 * 86_400) return { unit: 'day', count: Math.floor(seconds / 86_400) };
  if (seconds >= 2 * 3600) return { unit: 'hour', count: Math.floor(seconds / 3600) };
  if (seconds >= 600 || (seconds >= 60 && seconds % 60 === 0)) return { unit: 'minute', count: Math.floor(seconds / 60) };
  return { unit: 'second', count: seconds };
}

export const KEYCHAIN_BACKEND_NAMES: Record<KeychainBackend, string> = {
  macosKeychain: 'macOS Keychain',
  windowsCredentialManager: 'Windows Credential Manager',
  secretService: 'Secret Service (GNOME Keyring, KWallet or KeePassXC over D-Bus)',
  memory: 'environment variables (memory only)',
};

const englishDuration = (unit: DurationUnit, count: number) => `${count} ${unit}${count === 1 ? '' : 's'}`;

export const ENGLISH_ENGINE_WORDS: EngineWords = {
  ...ENGLISH_WORDS,
  target: (target) => (target === 'auth' ? 'the token endpoint' : ENGLISH_WORDS.product(target)),
  backend: (backend) => KEYCHAIN_BACKEND_NAMES[backend],
  duration: englishDuration,
  milliseconds: (ms) => (ms < 1000 ? `${ms} ms` : englishDuration('second', Math.round(ms / 1000))),
};

const duration = (seconds: number, w: EngineWords) => {
  const { unit, count } = durationParts(seconds);
  return w.duration(unit, count);
};

/** The words for every placeholder, in the language of `w`. */
export function enginePhrases(p: EngineTextParams, w: EngineWords): Record<string, string> {
  return {
    host: p.host ?? '',
    kindName: p.kind ? w.kindName(p.kind) : '',
    target: p.target ? w.target(p.target) : '',
    backend: p.backend ? w.backend(p.backend) : '',
    after: p.afterMs === undefined ? '' : w.milliseconds(p.afterMs),
    label: p.label ?? '',
    profile: p.profile ?? '',
    header: p.header ?? '',
    applicationKey: p.applicationKey ?? '',
    signedFor: p.signedFor ?? '',
    age: p.ageSeconds === undefined ? '' : duration(p.ageSeconds, w),
    window: p.windowSeconds === undefined ? '' : duration(p.windowSeconds, w),
    product: p.product ? w.product(p.product) : '',
    fields: w.list(p.fields ?? []),
    path: p.path ?? '',
    linkTarget: p.linkTarget ?? '',
    seconds: p.seconds === undefined ? '' : String(p.seconds),
    publicId: p.publicId ?? '',
    neededKind: p.neededKind ? w.kindName(p.neededKind) : '',
    region: p.region ?? '',
    regions: w.list(p.regions ?? []),
    method: p.method ?? '',
    line: p.line === undefined ? '' : String(p.line),
  };
}

/** The English words of an engine sentence. */
export function englishText(ref: TextRef): { message: string; hint?: string } {
  const text: Text = ENGINE_TEXT[ref.id];
  const phrases = enginePhrases(ref.params, ENGLISH_ENGINE_WORDS);
  return text.hint === undefined
    ? { message: fillText(text.message, phrases) }
    : { message: fillText(text.message, phrases), hint: fillText(text.hint, phrases) };
}

/** An error whose words come from ENGINE_TEXT, carrying the id and facts so that every door can phrase it. */
export function engineError(code: ErrorCode, id: EngineTextId, params: EngineTextParams = {}): AppError {
  const { message, hint } = englishText({ id, params });
  return new AppError(code, message, hint, { id, params });
}
