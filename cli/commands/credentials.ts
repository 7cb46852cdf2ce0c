// Profile and credential commands: status, list, add, edit, remove, import.
import { Option } from 'commander';
import { PRODUCTS, productToTest } from '../../shared/catalog';
import { KEYCHAIN_BACKEND_NAMES } from '../../shared/engine-text';
import { AppError, ok } from '../../shared/errors';
import { DEFAULT_MAX_KEY_AGE_DAYS, describeKeyAge, keyAgeOf, maxKeyAgeFor } from '../../shared/key-age';
import {
  type CredentialInput,
  type CredentialMeta,
  MASKED_SECRET,
  type Profile,
  publicIdOf,
  sameProfileName,
} from '../../shared/profile';
import type { ImportApplied, ImportPreview, ImportTest } from '../../shared/views';
import type { Typed } from '../context';
import { askSecret, readFileArg, readStdin, table } from '../io';
import { type Cli, pickCredential, respond } from '../run';

const KIND_FLAGS = {
  'access-key': 'accessKey',
  'application-key': 'applicationKey',
  'service-plan': 'servicePlan',
  mailgun: 'mailgun',
} as const;
type KindFlag = keyof typeof KIND_FLAGS;

const SECRET_PROMPT: Record<CredentialMeta['kind'], string> = {
  accessKey: 'Key secret',
  applicationKey: 'Application secret (base64)',
  servicePlan: 'API token',
  mailgun: 'Mailgun API key',
};

interface CredentialFlags {
  kind?: KindFlag;
  keyId?: string;
  appKey?: string;
  servicePlanId?: string;
  domain?: string;
  region?: string;
  label?: string;
}

function credentialInput(flags: CredentialFlags, secret: string): Typed<CredentialInput> {
  const label = flags.label ?? '';
  switch (KIND_FLAGS[flags.kind as KindFlag]) {
    case 'accessKey':
      return { kind: 'accessKey', keyId: flags.keyId ?? '', secret, label };
    case 'applicationKey':
      return { kind: 'applicationKey', applicationKey: flags.appKey ?? '', secret, label };
    case 'servicePlan':
      return {
        kind: 'servicePlan',
        servicePlanId: flags.servicePlanId ?? '',
        region: flags.region ?? 'us',
        secret,
        label,
      };
    case 'mailgun':
      return { kind: 'mailgun', domain: flags.domain ?? '', region: flags.region ?? 'us', secret, label };
    default:
      throw new AppError(
        'VALIDATION',
        'Say which kind of credential to add with --kind.',
        `One of: ${Object.keys(KIND_FLAGS).join(', ')}.`,
      );
  }
}

/** A profile as text; key ages are judged against its own limit, else `globalMaxDays`. */
export function describeProfile(p: Profile, globalMaxDays = DEFAULT_MAX_KEY_AGE_DAYS): string {
  const maxDays = maxKeyAgeFor(p, { maxKeyAgeDays: globalMaxDays });
  const age = (c: CredentialMeta) => describeKeyAge(keyAgeOf(c, maxDays, Date.now()));
  const head = [`${p.name}  [${p.environment}]`, `  project: ${p.projectId || '(none)'}`];
  if (p.notes) head.push(`  notes: ${p.notes}`);
  const creds = p.credentials.map(
    (c) => `  - ${c.kind} ${publicIdOf(c)} ${MASKED_SECRET}${c.label ? `  "${c.label}"` : ''}  (${age(c)})`,
  );
  return [...head, ...(creds.length ? creds : ['  (no credentials)']), ...describeHosts(p)].join('\n');
}

/** Where requests go instead of Sinch's own hosts, and whether the user confirmed that secrets may go there. */
function describeHosts(p: Profile): string[] {
  const overrides = Object.entries(p.baseUrls).map(([target, o]) => [
    `    ${target}`,
    o.url,
    o.allowForeignHost
      ? 'secrets allowed (confirmed with --allow-host)'
      : 'not confirmed: secrets go there only if it is a Sinch host',
  ]);
  const hosts = p.functionHosts ?? [];
  return [
    ...(overrides.length ? ['  base URL overrides:', table(overrides)] : []),
    ...(hosts.length ? [`  function hosts confirmed for the access key: ${hosts.join(', ')}`] : []),
  ];
}

/** One line per test of a credential just saved: the verdict, or the diagnosis and its fix. */
function describeTests(tests: ImportTest[] | undefined): string[] {
  return (tests ?? []).flatMap((t) => {
    const product = PRODUCTS[t.productId].name;
    if ('error' in t) return ['', `✘ Not tested on ${product}: ${t.error.message}`, ...(t.error.hint ? [t.error.hint] : [])];
    const d = t.diagnosis;
    return d.outcome === 'ok'
      ? ['', `✔ Works for ${product}${t.status ? ` (${t.status})` : ''}`]
      : ['', `✘ ${product}: ${d.title}`, d.explanation, `Fix: ${d.fix}`];
  });
}

// A saved credential that fails its test fails for scripts (exit 5, as `test` does), though the save worked.
const testsExitCode = (v: { tests?: ImportTest[] }): number =>
  (v.tests ?? []).every((t) => 'diagnosis' in t && t.diagnosis.outcome === 'ok') ? 0 : 5;

const kindOption = () => new Option('--kind <kind>', 'credential kind').choices(Object.keys(KIND_FLAGS));

function withCredentialFlags(cmd: import('commander').Command) {
  return cmd
    .option('--key-id <uuid>', 'access key ID')
    .option('--app-key <uuid>', 'application key')
    .option('--service-plan-id <id>', 'SMS service plan ID')
    .option('--domain <domain>', 'Mailgun sending domain')
    .option('--region <region>', 'region of a service plan (us, eu, au, br, ca) or Mailgun domain (us, eu)')
    .option('--label <text>', 'a label for the credential');
}

export function registerCredentialCommands(cli: Cli): void {
  const { program, context } = cli;

  program
    .command('status')
    .description('which keychain holds the secrets, and where the profiles file is')
    .action(() =>
      respond(
        cli,
        async () => {
          const [info, keychain] = [await context.call('app.info', {}), await context.call('keychain.status', {})];
          if (!info.ok) return info;
          if (!keychain.ok) return keychain;
          return ok({ ...info.value, keychain: keychain.value });
        },
        (v) =>
          [
            `Keychain: ${KEYCHAIN_BACKEND_NAMES[v.keychain.backend]} — ${v.keychain.state}${v.keychain.message ? ` (${v.keychain.message})` : ''}`,
            `Profiles file: ${v.settingsPath}`,
            ...(v.settingsDamage
              ? [`Warning: ${v.settingsDamage.message}`, '  Run `sinch-keys doctor` to restore or start over.']
              : []),
          ].join('\n'),
      ),
    );

  program
    .command('list')
    .description('list profiles (no keychain access: secrets are read only when used)')
    .option('--search <text>', 'filter by name, project ID, environment or label')
    .action((opts: { search?: string }) =>
      respond(
        cli,
        () => context.call('profiles.list', { query: opts.search }),
        (rows) =>
          rows.length === 0
            ? 'No profiles yet. Add one: sinch-keys add <name> --project-id <uuid> --kind access-key --key-id <uuid>'
            : table([
                ['NAME', 'ENV', 'PROJECT', 'CREDENTIALS', 'OLDEST KEY'],
                ...rows.map((r) => [
                  r.name,
                  r.environment,
                  r.projectId || '-',
                  r.credentialKinds.join(',') || '-',
                  r.oldestKeyAge ? describeKeyAge(r.oldestKeyAge) : '-',
                ]),
              ]),
      ),
    );

  program
    .command('show <profile>')
    .description('show one profile with masked secrets')
    .action((name: string) =>
      respond(
        cli,
        async () => {
          const profile = await context.call('profiles.get', { profileId: await context.profileId(name) });
          if (!profile.ok) return profile;
          const info = await context.call('app.info', {});
          if (!info.ok) return info;
          return ok({ profile: profile.value, maxDays: info.value.maxKeyAgeDays });
        },
        (v) => describeProfile(v.profile, v.maxDays),
      ),
    );

  withCredentialFlags(
    program
      .command('add <profile>')
      .description('create a profile (if new) and add a credential; the secret is asked for without echo, or read from stdin')
      .option('--project-id <uuid>', 'Sinch project ID')
      .option('--env <label>', 'environment label such as prod or staging')
      .option('--notes <text>', 'notes')
      .option('--test', "run the credential's safe test right after saving it")
      .addOption(kindOption()),
  ).action((name: string, opts: CredentialFlags & { projectId?: string; env?: string; notes?: string; test?: boolean }) =>
    respond<Profile & { tests?: ImportTest[] }>(
      cli,
      async () => {
        const list = await context.call('profiles.list', {});
        if (!list.ok) return list;
        const existing = list.value.find((p) => sameProfileName(p.name, name));
        // The secret first: if it never arrives (empty stdin, Ctrl+C at the prompt), nothing has been written.
        const credential = opts.kind
          ? credentialInput(opts, await askSecret(cli.io, SECRET_PROMPT[KIND_FLAGS[opts.kind]]))
          : undefined;
        let profileId: string;
        let added: CredentialMeta | undefined;
        if (existing) {
          profileId = existing.id;
          if (credential) {
            const saved = await context.call('credentials.add', { profileId, credential });
            if (!saved.ok) return saved;
            added = saved.value;
          }
        } else {
          // A new profile and its credential are one change: both are saved, or neither.
          const created = await context.call('profiles.create', {
            name,
            projectId: opts.projectId ?? '',
            environment: opts.env ?? 'prod',
            notes: opts.notes ?? '',
            credentials: credential ? [credential] : [],
          });
          if (!created.ok) return created;
          profileId = created.value.id;
          added = created.value.credentials[0];
        }
        const profile = await context.call('profiles.get', { profileId });
        if (!profile.ok || !opts.test || !added) return profile;
        return ok({ ...profile.value, tests: [await testSaved(profileId, added)] });
      },
      (v) => [`Saved. Secrets are in the OS keychain.\n${describeProfile(v)}`, ...describeTests(v.tests)].join('\n'),
      testsExitCode,
    ),
  );

  withCredentialFlags(
    program
      .command('edit <profile>')
      .description('edit or rename a profile, or a credential of it (--credential); --rotate asks for a new secret')
      .option('--name <name>', 'new profile name')
      .option('--project-id <uuid>', 'Sinch project ID')
      .option('--env <label>', 'environment label')
      .option('--notes <text>', 'notes')
      .option('--set-region <product=region...>', 'region per product, e.g. conversation=eu')
      .option(
        '--base-url <target=url...>',
        'override a base URL, e.g. numbers=https://proxy.example.com or auth=<token URL>; target=none removes it',
      )
      .option('--allow-host', "confirm that this profile's secrets may be sent to the --base-url hosts outside Sinch/Mailgun")
      .option('--credential <id>', 'credential to edit: its id, public ID or label')
      .option('--rotate', 'replace the credential secret (asked for without echo, or read from stdin)'),
  ).action(
    (
      name: string,
      opts: CredentialFlags & {
        name?: string;
        projectId?: string;
        env?: string;
        notes?: string;
        setRegion?: string[];
        baseUrl?: string[];
        allowHost?: boolean;
        credential?: string;
        rotate?: boolean;
      },
    ) =>
      respond(
        cli,
        async () => {
          const profileId = await context.profileId(name);
          const current = await context.call('profiles.get', { profileId });
          if (!current.ok) return current;
          if (opts.credential !== undefined || opts.rotate) {
            const credential = pickCredential(current.value.credentials, opts.credential, publicIdOf);
            if (!credential)
              throw new AppError('NOT_FOUND', `Profile "${current.value.name}" has no credential "${opts.credential ?? ''}".`);
            const secret = opts.rotate
              ? await askSecret(cli.io, `New ${SECRET_PROMPT[credential.kind].toLowerCase()}`)
              : undefined;
            const patch = {
              label: opts.label,
              keyId: opts.keyId,
              applicationKey: opts.appKey,
              servicePlanId: opts.servicePlanId,
              domain: opts.domain,
              region: opts.region,
              secret,
            };
            const edited = await context.call('credentials.update', { profileId, credentialId: credential.id, patch });
            if (!edited.ok) return edited;
          }
          for (const pair of opts.baseUrl ?? []) {
            const at = pair.indexOf('=');
            const target = pair.slice(0, at);
            const url = pair.slice(at + 1);
            if (at < 1 || !url) throw new AppError('VALIDATION', `--base-url takes target=url, got "${pair}".`);
            const set = await context.call('profiles.setOverride', {
              profileId,
              target,
              url: url === 'none' ? null : url,
              allowForeignHost: Boolean(opts.allowHost),
            });
            if (!set.ok) return set;
          }
          const regions: Record<string, string> = { ...current.value.regions };
          for (const pair of opts.setRegion ?? []) {
            const [product, region] = pair.split('=');
            if (!product || !region) throw new AppError('VALIDATION', `--set-region takes product=region, got "${pair}".`);
            regions[product] = region;
          }
          return context.call('profiles.update', {
            profileId,
            patch: { name: opts.name, projectId: opts.projectId, environment: opts.env, notes: opts.notes, regions },
          });
        },
        describeProfile,
      ),
  );

  program
    .command('remove <profile>')
    .description('delete a profile and its keychain entries, or one credential with --credential')
    .option('--credential <id>', 'remove only this credential (id, public ID or label)')
    .action((name: string, opts: { credential?: string }) =>
      respond(
        cli,
        async () => {
          const profileId = await context.profileId(name);
          if (opts.credential === undefined) return context.call('profiles.remove', { profileId });
          const current = await context.call('profiles.get', { profileId });
          if (!current.ok) return current;
          const credential = pickCredential(current.value.credentials, opts.credential, publicIdOf);
          if (!credential) throw new AppError('NOT_FOUND', `No credential "${opts.credential}" in "${current.value.name}".`);
          return context.call('credentials.remove', { profileId, credentialId: credential.id });
        },
        () => 'Removed, keychain entries included.',
      ),
    );

  program
    .command('import <file>')
    .description('import a .env file or a Sinch CLI credentials JSON ("-" reads stdin)')
    .option('--profile <name>', 'name of the profile to create (or an existing one to add to)')
    .option('--dry-run', 'only show what would be imported')
    .option('--test', 'test each new credential right after saving it')
    .action((file: string, opts: { profile?: string; dryRun?: boolean; test?: boolean }) =>
      respond<ImportPreview | ImportApplied>(
        cli,
        async () => {
          const text = file === '-' ? await readStdin(cli.io) : readFileArg(file);
          if (opts.dryRun) return context.call('import.preview', { text });
          const list = await context.call('profiles.list', {});
          const target = list.ok
            ? list.value.find((p) => opts.profile !== undefined && sameProfileName(p.name, opts.profile))
            : undefined;
          const test = Boolean(opts.test);
          return context.call(
            'import.apply',
            target ? { text, profileId: target.id, test } : { text, profileName: opts.profile, test },
          );
        },
        (v) =>
          'added' in v
            ? [
                `Imported ${v.added.length} credential(s) into "${v.profile.name}".\n${describeProfile(v.profile)}`,
                ...describeTests(v.tests),
              ].join('\n')
            : `Found ${v.credentials.length} credential(s) for "${v.target.name}": ${v.credentials.map((c) => `${c.kind} ${c.publicId}${c.secretFound ? '' : ' (no secret)'}${c.alreadySaved ? ' (already saved)' : ''}`).join(', ') || 'none'}`,
        (v) => ('added' in v ? testsExitCode(v) : 0),
      ),
    );

  /** The safe test of a credential just saved; one that cannot run is reported beside the saved credential. */
  async function testSaved(profileId: string, credential: CredentialMeta): Promise<ImportTest> {
    const productId = productToTest(credential.kind);
    const r = await context.call('request.test', { profileId, credentialId: credential.id, productId });
    const head = { credentialId: credential.id, productId };
    return r.ok
      ? { ...head, diagnosis: r.value.diagnosis, ...(r.value.status ? { status: r.value.status } : {}) }
      : { ...head, error: r.error };
  }
}
