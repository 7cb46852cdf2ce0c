// Commands that talk to Sinch: test, token.
import { Option } from 'commander';
import { AUTH_SCHEMES, type AuthScheme, PRODUCT_IDS, PRODUCTS, type ProductId, productsForKind } from '../../shared/catalog';
import { ENV_SETS } from '../../shared/env-vars';
import { AppError, ok } from '../../shared/errors';
import { publicIdOf } from '../../shared/profile';
import type { FunctionTestResult, TestResult, TokenState } from '../../shared/views';
import { announceDefaults, type Cli, pickCredential, respond } from '../run';

/** The credential and product a command acts on: --credential and --product, or sensible defaults for each other. */
export async function target(cli: Cli, name: string | undefined, opts: { credential?: string; product?: ProductId }) {
  const profileId = await cli.context.profileId(name);
  const profile = await cli.context.call('profiles.get', { profileId });
  if (!profile.ok) throw AppError.of(profile.error);
  const wantedKind = opts.product ? PRODUCTS[opts.product].credentialKind : undefined;
  // With no credential of the product's kind, the profile's first one is tested anyway: the test then explains
  // which kind the product needs and what this one works for, instead of a bare "not found".
  const credential =
    pickCredential(profile.value.credentials, opts.credential, publicIdOf, (c) => !wantedKind || c.kind === wantedKind) ??
    (opts.credential === undefined ? profile.value.credentials[0] : undefined);
  if (!credential)
    throw new AppError(
      'NOT_FOUND',
      `Profile "${profile.value.name}" has no ${opts.credential ? `credential "${opts.credential}"` : 'credential for that product'}.`,
    );
  if (opts.credential === undefined) announceDefaults(cli, profile.value, [], [credential.kind]);
  const productId = opts.product ?? productsForKind(credential.kind)[0]?.id;
  if (!productId) throw new AppError('VALIDATION', 'Choose a product with --product.');
  return { profileId, profile: profile.value, credential, productId };
}

const productOption = () => new Option('--product <id>', 'Sinch product').choices([...PRODUCT_IDS]);

export const requestOptions = (cmd: import('commander').Command) =>
  cmd
    .addOption(productOption())
    .option('--credential <id>', 'credential: id, public ID (key ID, app key, plan ID, domain) or label')
    .option('--region <region>', 'region for this request')
    .addOption(new Option('--scheme <scheme>', 'authentication scheme').choices(AUTH_SCHEMES))
    .option('--method <method>', 'custom request method')
    .option('--path <path>', 'custom request path, e.g. /v1/projects/{projectId}/activeNumbers')
    .option('--body <text>', 'custom request body')
    .option('--content-type <type>', 'custom request content type');

/** Which variable names `env`, `export` and `exec` write. */
export const setOption = () =>
  new Option('--set <set>', "variable names: the SDKs', Sinch Functions' or Sinch's MCP server's")
    .choices(ENV_SETS)
    .default('sdk');

export interface RequestFlags {
  product?: ProductId;
  credential?: string;
  region?: string;
  scheme?: AuthScheme;
  method?: string;
  path?: string;
  body?: string;
  contentType?: string;
}

/** The request part shared by `test` and `curl`: which credential, product, region, scheme and custom call. */
export const requestInput = (t: { profileId: string; credential: { id: string }; productId: ProductId }, o: RequestFlags) => ({
  profileId: t.profileId,
  credentialId: t.credential.id,
  productId: t.productId,
  region: o.region,
  scheme: o.scheme,
  custom: customOf(o),
});

const customOf = (o: RequestFlags) =>
  o.path === undefined
    ? undefined
    : {
        method: (o.method ?? 'GET').toUpperCase(),
        path: o.path,
        ...(o.body !== undefined ? { body: o.body } : {}),
        ...(o.contentType ? { contentType: o.contentType } : {}),
      };

function describeTest(r: TestResult): string {
  const d = r.diagnosis;
  const lines = [
    `${r.method} ${r.url}`,
    `${r.status ?? 'no answer'}  ${r.latencyMs} ms  (${r.authScheme}${r.tokenExchanged ? ', OAuth2 token' : ''})`,
  ];
  lines.push('', `${d.outcome === 'ok' ? '✔' : '✘'} ${d.title}`, d.explanation, ...(d.outcome === 'ok' ? [] : [`Fix: ${d.fix}`]));
  if (r.body) lines.push('', r.body + (r.truncated ? '\n… (truncated)' : ''));
  return lines.join('\n');
}

function describeFunction(r: FunctionTestResult): string {
  const d = r.diagnosis;
  return [
    `${r.url}`,
    `without credentials: ${r.statusWithoutCredentials ?? 'no answer'}, with the key: ${r.statusWithCredentials ?? 'no answer'}`,
    '',
    `${d.outcome === 'ok' ? '✔' : '✘'} ${d.title}`,
    d.explanation,
    ...(d.outcome === 'ok' ? [] : [`Fix: ${d.fix}`]),
  ].join('\n');
}

function describeToken(t: TokenState): string {
  if (t.status === 'none') return t.lastError ? `No token: ${t.lastError.message}` : 'No token yet.';
  const expires = t.expiresAt ? new Date(t.expiresAt).toISOString() : '?';
  const claims = t.claims ? `\nclaims: ${JSON.stringify(t.claims)}` : '';
  // Said out loud because a user may expect a cached token, as the app keeps one.
  return `New token from an exchange just now (tokens are never stored, so each run exchanges the key): ${t.status}, expires ${expires} (${t.secondsLeft ?? 0} s left, from ${t.expirySource})${claims}`;
}

export function registerRequestCommands(cli: Cli): void {
  const { program, context } = cli;

  requestOptions(
    program
      .command('test [profile]')
      .description("run the product's safe read-only test request (or a custom one) and explain the result")
      .option('--function-url <url>', 'instead: check that a protected Sinch Function answers 401 without and 2xx with the key')
      .option(
        '--allow-host',
        'confirm, once per host, that the key may be sent to the --function-url host (remembered on the profile)',
      ),
  ).action((name: string | undefined, opts: RequestFlags & { functionUrl?: string; allowHost?: boolean }) =>
    respond<{ test?: TestResult; function?: FunctionTestResult }>(
      cli,
      async () => {
        const t = await target(cli, name, opts);
        if (opts.functionUrl) {
          const r = await context.call('request.testFunction', {
            profileId: t.profileId,
            credentialId: t.credential.id,
            url: opts.functionUrl,
            allowForeignHost: Boolean(opts.allowHost),
          });
          if (!r.ok) return r;
          return ok({ function: r.value });
        }
        const r = await context.call('request.test', requestInput(t, opts));
        return r.ok ? ok({ test: r.value }) : r;
      },
      (v) => (v.test ? describeTest(v.test) : v.function ? describeFunction(v.function) : ''),
      // A test whose diagnosis is a problem fails for scripts (exit 5), even though the command itself worked.
      (v) => ((v.test ?? v.function)?.diagnosis.outcome === 'ok' ? 0 : 5),
    ),
  );

  program
    .command('token [profile]')
    .description('exchange the access key for a new OAuth2 token and show its expiry and claims, never the token itself')
    .option('--credential <id>', 'access key: id, key ID or label')
    .action((name: string | undefined, opts: { credential?: string }) =>
      respond(
        cli,
        async () => {
          const t = await target(cli, name, { credential: opts.credential, product: 'numbers' });
          const ids = { profileId: t.profileId, credentialId: t.credential.id };
          // A CLI process starts with an empty cache (tokens never touch disk), so showing a token means getting one.
          return context.call('token.refresh', ids);
        },
        describeToken,
      ),
    );
}
