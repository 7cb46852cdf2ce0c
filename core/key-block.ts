// Recognises what people paste or drop as a "key block": a .env block, a Sinch CLI credentials JSON
// (`sinch auth login -f`: projectId, keyId, keySecret, applicationKey, applicationSecret — docs/protocol.md#sinch-cli),
// or labelled text the way dashboards and password managers copy it ("Key ID: …", "Key Secret: …", in any order).
// It runs in the engine only: the pasted text reaches the engine once, and what goes back holds no secret. Errors
// never quote the text, since it holds secrets.
import { parse as parseDotenv } from 'dotenv';
import { engineError } from '../shared/engine-text';
import { conceptOfEnvName, type EnvConcept } from '../shared/env-vars';
import type { ImportPreview } from '../shared/views';
import { bundleFrom, type CredentialBundle, conceptValues } from './credential-bundle';

export type KeyBlockFormat = ImportPreview['format'];

export interface KeyBlock {
  format: KeyBlockFormat;
  bundle: CredentialBundle;
}

const CLI_JSON_NAMES: Record<string, string> = {
  projectId: 'SINCH_PROJECT_ID',
  keyId: 'SINCH_KEY_ID',
  keySecret: 'SINCH_KEY_SECRET',
  applicationKey: 'SINCH_APPLICATION_KEY',
  applicationSecret: 'SINCH_APPLICATION_SECRET',
};

/**
 * Labels people see next to the values, compared after lower-casing and dropping everything but letters and digits
 * ("Key Secret", "key_secret" and "KEY-SECRET" are one label). The dashboard's access key dialog says "Key ID" and
 * "Key Secret"; OAuth2 tools say "Client ID" and "Client secret" for the same pair.
 */
const LABELS: Readonly<Record<string, EnvConcept>> = {
  projectid: 'projectId',
  project: 'projectId',
  keyid: 'keyId',
  accesskeyid: 'keyId',
  clientid: 'keyId',
  keysecret: 'keySecret',
  accesskeysecret: 'keySecret',
  clientsecret: 'keySecret',
  applicationkey: 'applicationKey',
  appkey: 'applicationKey',
  applicationsecret: 'applicationSecret',
  appsecret: 'applicationSecret',
  serviceplanid: 'servicePlanId',
  apitoken: 'apiToken',
  smsregion: 'smsRegion',
  conversationregion: 'conversationRegion',
  mailgunapikey: 'mailgunApiKey',
  mailgundomain: 'mailgunDomain',
};

/** The spelling credential-bundle understands for each concept (the SDK name). */
const CANONICAL: Readonly<Record<EnvConcept, string>> = {
  projectId: 'SINCH_PROJECT_ID',
  keyId: 'SINCH_KEY_ID',
  keySecret: 'SINCH_KEY_SECRET',
  applicationKey: 'SINCH_APPLICATION_KEY',
  applicationSecret: 'SINCH_APPLICATION_SECRET',
  servicePlanId: 'SINCH_SERVICE_PLAN_ID',
  apiToken: 'SINCH_API_TOKEN',
  smsRegion: 'SINCH_SMS_REGION',
  conversationRegion: 'SINCH_CONVERSATION_REGION',
  mailgunApiKey: 'MAILGUN_API_KEY',
  mailgunDomain: 'MAILGUN_DOMAIN',
};

const notAKeyBlock = () => engineError('IMPORT_FAILED', 'keyBlockNone');

const labelConcept = (label: string): EnvConcept | undefined =>
  conceptOfEnvName(label) ?? LABELS[label.toLowerCase().replace(/[^a-z0-9]/g, '')];

/** A value as copied: surrounding whitespace, a trailing comma and one pair of matching quotes go. */
function cleanValue(raw: string): string {
  const value = raw.trim().replace(/,$/, '').trim();
  const quote = value[0];
  return value.length >= 2 && (quote === '"' || quote === "'" || quote === '`') && value.at(-1) === quote
    ? value.slice(1, -1).trim()
    : value;
}

// "Label: value", "Label = value" or "Label<TAB>value" (a table row copied from a page); bullets and `export` go.
const LABELLED_LINE = /^(?:[-*•]\s+|export\s+)?["']?([A-Za-z][A-Za-z0-9 _.-]{0,40}?)["']?\s*(?::|=|\t)\s*(.*)$/;

/** Labelled text, one value per line or the value on the line after its label (as some dashboards copy). */
function labelledEntries(text: string): Array<[string, string]> {
  const lines = text.split(/\r\n|\r|\n/).map((line) => line.trim());
  const labelOf = (line: string) => {
    const match = LABELLED_LINE.exec(line);
    return match ? { concept: labelConcept(match[1] ?? ''), value: cleanValue(match[2] ?? '') } : undefined;
  };
  // A label alone on its line ("Key ID" or "Key ID:"), its value on the next one.
  const bareLabel = (line: string) => labelConcept(line.replace(/:$/, ''));
  const entries: Array<[string, string]> = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const labelled = labelOf(line);
    if (labelled?.concept && labelled.value) {
      entries.push([CANONICAL[labelled.concept], labelled.value]);
      continue;
    }
    const alone = bareLabel(line);
    const next = lines[i + 1];
    // A base64 secret ends in "=", so the next line only counts as a label when it names a known one.
    if (alone && next && !bareLabel(next) && !labelOf(next)?.concept) {
      entries.push([CANONICAL[alone], cleanValue(next)]);
      i++;
    }
  }
  return entries;
}

function jsonEntries(text: string): Array<[string, string | undefined]> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw engineError('IMPORT_FAILED', 'keyBlockBadJson');
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw engineError('IMPORT_FAILED', 'keyBlockJsonNotObject');
  return Object.entries(json).map(([k, v]): [string, string | undefined] => [
    CLI_JSON_NAMES[k] ?? k,
    typeof v === 'string' ? v : undefined,
  ]);
}

/** The credentials in a pasted or dropped text; text with nothing Sinch-shaped in it is "not a key block". */
export function recogniseKeyBlock(text: string): KeyBlock {
  // A byte-order mark (Windows editors) would hide the first name.
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  const found = (format: KeyBlockFormat, entries: Iterable<[string, string | undefined]>): KeyBlock | undefined => {
    const { values, variables, ignoredVariables } = conceptValues(entries);
    if (variables.length === 0) return undefined;
    return { format, bundle: bundleFrom(values, 'Imported project', variables, ignoredVariables) };
  };
  const block = trimmed.startsWith('{')
    ? found('sinch-cli-json', jsonEntries(trimmed))
    : (found('dotenv', Object.entries(parseDotenv(trimmed))) ?? found('labelled-text', labelledEntries(trimmed)));
  if (!block) throw notAKeyBlock();
  return block;
}
