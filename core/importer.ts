// Import from a .env file or a Sinch CLI credentials JSON (`sinch auth login -f`: projectId, keyId, keySecret,
// applicationKey, applicationSecret — docs/protocol.md#sinch-cli). The preview shows public parts only; secrets found in the
// text go straight to the keychain on apply and never travel back to the UI.
import { parse as parseDotenv } from 'dotenv';
import { AppError } from '../shared/errors';
import type { CredentialMeta, Profile } from '../shared/profile';
import type { ImportApplied, ImportPreview } from '../shared/views';
import { bundleFrom, type CredentialBundle, conceptValues } from './credential-bundle';
import type { ProfileService } from './profiles';

const CLI_JSON_NAMES: Record<string, string> = {
  projectId: 'SINCH_PROJECT_ID',
  keyId: 'SINCH_KEY_ID',
  keySecret: 'SINCH_KEY_SECRET',
  applicationKey: 'SINCH_APPLICATION_KEY',
  applicationSecret: 'SINCH_APPLICATION_SECRET',
};

function readText(text: string): { format: ImportPreview['format']; bundle: CredentialBundle } {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      throw new AppError(
        'IMPORT_FAILED',
        'The text starts like JSON but is not valid JSON.',
        'Paste the whole credentials file, or a .env block.',
      );
    }
    if (!json || typeof json !== 'object' || Array.isArray(json))
      throw new AppError('IMPORT_FAILED', 'A credentials JSON must be an object.');
    const entries = Object.entries(json).map(([k, v]): [string, string | undefined] => [
      CLI_JSON_NAMES[k] ?? k,
      typeof v === 'string' ? v : undefined,
    ]);
    const { values, variables, ignoredVariables } = conceptValues(entries);
    return { format: 'sinch-cli-json', bundle: bundleFrom(values, 'Imported project', variables, ignoredVariables) };
  }
  const { values, variables, ignoredVariables } = conceptValues(Object.entries(parseDotenv(text)));
  return { format: 'dotenv', bundle: bundleFrom(values, 'Imported project', variables, ignoredVariables) };
}

const publicId = (c: CredentialBundle['credentials'][number]): string =>
  c.kind === 'accessKey'
    ? c.keyId
    : c.kind === 'applicationKey'
      ? c.applicationKey
      : c.kind === 'servicePlan'
        ? c.servicePlanId
        : c.domain;

export function previewImport(text: string): ImportPreview {
  const { format, bundle } = readText(text);
  return {
    format,
    profile: { projectId: String(bundle.profile.projectId ?? '') },
    credentials: [
      ...bundle.credentials.map((c) => ({
        kind: c.kind,
        publicId: publicId(c),
        secretFound: true,
        ...('region' in c && c.region ? { region: c.region } : {}),
      })),
      ...bundle.incomplete.map((c) => ({ kind: c.kind, publicId: c.publicId, secretFound: false })),
    ],
    ignoredVariables: bundle.ignoredVariables,
  };
}

/** Creates the profile (or adds to an existing one) with every complete credential; all-or-nothing per credential. */
export async function applyImport(
  profiles: ProfileService,
  text: string,
  target: { profileName?: string; profileId?: string },
): Promise<ImportApplied> {
  const { bundle } = readText(text);
  if (bundle.credentials.length === 0)
    throw new AppError(
      'IMPORT_FAILED',
      'No complete credential found (an ID together with its secret).',
      'Recognised names include SINCH_KEY_ID + SINCH_KEY_SECRET, SINCH_APPLICATION_KEY + SINCH_APPLICATION_SECRET, MAILGUN_API_KEY + MAILGUN_DOMAIN.',
    );
  const created = target.profileId === undefined;
  const profile: Profile = created
    ? profiles.create({ ...bundle.profile, name: target.profileName?.trim() || String(bundle.profile.name) })
    : profiles.get(target.profileId as string);
  const added: CredentialMeta[] = [];
  try {
    for (const credential of bundle.credentials) added.push(await profiles.addCredential(profile.id, credential));
  } catch (err) {
    // Leave nothing half-imported: undo this import's credentials (and the profile it created).
    for (const c of added) await profiles.removeCredential(profile.id, c.id);
    if (created) await profiles.remove(profile.id);
    throw err;
  }
  return { profile: profiles.get(profile.id), added };
}
