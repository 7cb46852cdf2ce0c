// Import a key block (core/key-block.ts). The preview shows public parts only, and where the credentials will go;
// secrets found in the text go straight to the keychain on apply and never travel back to the UI. "Save and test"
// is apply with `test`: each new credential then runs the safe test of the first product it can serve.
import { productToTest } from '../shared/catalog';
import { engineError } from '../shared/engine-text';
import { toErrorData } from '../shared/errors';
import { type CredentialMeta, type Profile, publicIdOf, sameProfileName } from '../shared/profile';
import type { ImportApplied, ImportPreview, ImportTarget, ImportTest } from '../shared/views';
import type { CredentialBundle } from './credential-bundle';
import { recogniseKeyBlock } from './key-block';
import type { Clock, FetchLike } from './ports';
import type { ProfileService } from './profiles';
import { runTestRequest } from './test-request';
import type { TokenService } from './token-service';

type Found = CredentialBundle['credentials'][number];

/** A name that says which project it is ("Project 3f6c2a1e"), made unique; the user can rename it later. */
function defaultName(projectId: string, existing: Profile[]): string {
  const base = projectId ? `Project ${projectId.slice(0, 8)}` : 'Imported project';
  let name = base;
  for (let n = 2; existing.some((p) => sameProfileName(p.name, name)); n++) name = `${base} (${n})`;
  return name;
}

/** Where an import goes: the profile named, else the one with the same project ID, else a new profile. */
function targetOf(profiles: ProfileService, projectId: string, target: ApplyTarget): ImportTarget {
  if (target.profileId !== undefined) {
    const profile = profiles.get(target.profileId);
    return { profileId: profile.id, name: profile.name };
  }
  const name = target.profileName?.trim();
  if (name) return { name };
  const all = profiles.list();
  const same = projectId ? all.find((p) => p.projectId.toLowerCase() === projectId.toLowerCase()) : undefined;
  return same ? { profileId: same.id, name: same.name } : { name: defaultName(projectId, all) };
}

const alreadySaved = (profile: Profile | undefined, c: Found): boolean =>
  profile?.credentials.some(
    (saved) => saved.kind === c.kind && publicIdOf(saved).toLowerCase() === publicIdOf(c).toLowerCase(),
  ) ?? false;

export function previewImport(profiles: ProfileService, text: string, target: ApplyTarget = {}): ImportPreview {
  const { format, bundle } = recogniseKeyBlock(text);
  const projectId = String(bundle.profile.projectId ?? '');
  const into = targetOf(profiles, projectId, target);
  const existing = into.profileId === undefined ? undefined : profiles.get(into.profileId);
  return {
    format,
    profile: { projectId },
    target: into,
    credentials: [
      ...bundle.credentials.map((c) => ({
        kind: c.kind,
        publicId: publicIdOf(c),
        secretFound: true,
        ...(alreadySaved(existing, c) ? { alreadySaved: true } : {}),
        ...('region' in c && c.region ? { region: c.region } : {}),
      })),
      ...bundle.incomplete.map((c) => ({ kind: c.kind, publicId: c.publicId, secretFound: false })),
    ],
    ignoredVariables: bundle.ignoredVariables,
  };
}

export interface ApplyTarget {
  profileName?: string;
  profileId?: string;
}

export interface ImportTestDeps {
  tokens: TokenService;
  fetch?: FetchLike;
  clock?: Clock;
}

async function testAdded(profiles: ProfileService, profileId: string, credential: CredentialMeta, deps: ImportTestDeps) {
  const productId = productToTest(credential.kind);
  try {
    const result = await runTestRequest(
      { profile: profiles.get(profileId), credential, productId },
      { readSecret: () => profiles.readSecret(profileId, credential.id), ...deps },
    );
    return { credentialId: credential.id, productId, diagnosis: result.diagnosis, status: result.status } as ImportTest;
  } catch (err) {
    // The credential is saved either way; a test that could not run is reported next to it, not as a failed import.
    return { credentialId: credential.id, productId, error: toErrorData(err) } as ImportTest;
  }
}

/**
 * Creates the profile (or adds to the matching one) with every complete credential not already saved there;
 * all-or-nothing. With `test`, each new credential's test runs once it is saved.
 */
export async function applyImport(
  profiles: ProfileService,
  text: string,
  target: ApplyTarget,
  test?: ImportTestDeps,
): Promise<ImportApplied> {
  const { bundle } = recogniseKeyBlock(text);
  if (bundle.credentials.length === 0) throw engineError('IMPORT_FAILED', 'importNothingComplete');
  const into = targetOf(profiles, String(bundle.profile.projectId ?? ''), target);
  const existing = into.profileId === undefined ? undefined : profiles.get(into.profileId);
  const fresh = bundle.credentials.filter((c) => !alreadySaved(existing, c));
  if (existing && fresh.length === 0) throw engineError('CONFLICT', 'importAllSaved', { profile: existing.name });
  // One transaction either way: the new profile with all its credentials, or all of them added to the existing one.
  const profile = existing ?? (await profiles.create({ ...bundle.profile, name: into.name }, fresh));
  const added = existing ? await profiles.addCredentials(existing.id, fresh) : profile.credentials;
  const tests = test ? await Promise.all(added.map((c) => testAdded(profiles, profile.id, c, test))) : undefined;
  return { profile: profiles.get(profile.id), added, ...(tests ? { tests } : {}) };
}
