// A curl command for a test request, as a POSIX sh / bash snippet. Secrets never appear on a command line (argv is
// visible to every user through `ps`): the Authorization header is built by the shell's printf builtin and handed to
// curl on stdin with `-H @-` (curl ≥ 7.55); Basic credentials reach base64 through a pipe as well, and an
// Application signature is computed with openssl from pipes (signed-sh.ts).
import { DEFAULT_TOKEN_URL } from '../catalog';
import { AppError } from '../errors';
import { shellQuote } from './env-syntax';
import { signedRequestLines } from './signed-sh';

export type CurlAuth =
  /** Access key: token exchange first, then Bearer; or Basic straight to the API (docs/protocol.md#basic-on-project-apis). */
  | { scheme: 'bearer' | 'basic'; userVar: string; passVar: string; tokenUrl?: string }
  /** SMS service plan API token (Bearer, docs/protocol.md#product-hosts-and-test-requests) or Mailgun API key (Basic with the literal user "api", docs/protocol.md#mailgun-auth). */
  | { scheme: 'apiToken' | 'mailgun'; passVar: string }
  /** Voice / Verification application key and secret (docs/protocol.md#application-auth): a signature computed at run time, or Basic (docs/protocol.md#application-credentials). */
  | { scheme: 'signed' | 'appBasic'; keyVar: string; secretVar: string };

export interface CurlRequest {
  method: string;
  url: string;
  /** Non-secret headers only; authorization is described by `auth`. */
  headers?: Record<string, string>;
  body?: string;
  contentType?: string;
  auth: CurlAuth;
}

export interface CurlOptions {
  /** Literal values to write instead of `$VAR` references, keyed by variable name; only when the user asked. */
  inlineSecrets?: Record<string, string>;
}

const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const TOKEN_VAR = 'SINCH_ACCESS_TOKEN';
// These would put a credential on curl's command line.
const CREDENTIAL_HEADERS = /^(?:authorization|proxy-authorization|cookie)$/i;

function invalid(message: string): AppError {
  return new AppError('VALIDATION', message);
}

function headerArg(name: string, value: string): string {
  if (!HEADER_NAME.test(name)) throw invalid(`"${name}" is not a valid HTTP header name.`);
  if (CREDENTIAL_HEADERS.test(name)) throw invalid(`${name} carries credentials: describe them with the auth settings instead.`);
  if (/[\r\n\0]/.test(value)) throw invalid(`The ${name} header value must be a single line.`);
  return `-H ${shellQuote(`${name}: ${value}`, name)}`;
}

/** Everything a request carries besides authorization, as curl arguments (all non-secret). */
function requestArgs(request: CurlRequest): string[] {
  if (!/^[A-Z]+$/.test(request.method)) throw invalid(`"${request.method}" is not an HTTP method.`);
  if (!/^https?:\/\/[^\s]+$/.test(request.url)) throw invalid('The request URL must be an http(s) URL without spaces.');
  const args = [`-X ${request.method}`];
  if (request.contentType) args.push(headerArg('Content-Type', request.contentType));
  for (const [name, value] of Object.entries(request.headers ?? {})) args.push(headerArg(name, value));
  if (request.body) args.push(`--data-binary ${shellQuote(request.body, 'the request body')}`);
  args.push(shellQuote(request.url, 'the URL'));
  return args;
}

export function renderCurl(request: CurlRequest, { inlineSecrets = {} }: CurlOptions = {}): string {
  const referenced = new Set<string>();
  /** A shell word that expands to the variable's value: a `"$VAR"` reference, or the quoted literal if inlined. */
  const word = (name: string): string => {
    if (!VAR_NAME.test(name)) throw invalid(`"${name}" is not a valid environment variable name.`);
    const literal = inlineSecrets[name];
    if (literal !== undefined) return shellQuote(literal, name);
    referenced.add(name);
    return `"$${name}"`;
  };
  // base64 reads user:password from the pipe; GNU base64 wraps long output, hence tr.
  const basic = (user: string, pass: string) =>
    `printf 'Authorization: Basic %s\\n' "$(printf '%s:%s' ${user} ${pass} | base64 | tr -d '\\n')"`;
  const bearer = (token: string) => `printf 'Authorization: Bearer %s\\n' ${token}`;
  const call = (header: string, args: string[], indent = '') =>
    `${indent}${header} |\n${indent}  curl -sS -H @- ${args.join(' ')}`;

  const { auth } = request;
  const api = requestArgs(request);
  const lines: string[] = [];
  switch (auth.scheme) {
    case 'basic':
      lines.push(call(basic(word(auth.userVar), word(auth.passVar)), api));
      break;
    case 'mailgun':
      lines.push(call(basic(shellQuote('api'), word(auth.passVar)), api));
      break;
    case 'apiToken':
      lines.push(call(bearer(word(auth.passVar)), api));
      break;
    case 'signed': {
      const { pathname } = new URL(request.url);
      lines.push(
        ...signedRequestLines({
          method: request.method,
          path: pathname,
          contentType: request.contentType ?? '',
          bodyWord: request.body ? shellQuote(request.body, 'the request body') : "''",
          keyWord: word(auth.keyVar),
          secretWord: word(auth.secretVar),
        }),
        `  curl -sS -H @- ${api.join(' ')}`,
      );
      break;
    }
    case 'appBasic':
      lines.push(call(basic(word(auth.keyVar), word(auth.secretVar)), api));
      break;
    case 'bearer': {
      const tokenArgs = [
        headerArg('Content-Type', 'application/x-www-form-urlencoded'),
        `--data-binary ${shellQuote('grant_type=client_credentials')}`,
        shellQuote(auth.tokenUrl ?? DEFAULT_TOKEN_URL, 'the token URL'),
      ];
      lines.push(
        '# 1. Exchange the access key for a token; 2. call the API with it.',
        `${TOKEN_VAR}=$(${call(basic(word(auth.userVar), word(auth.passVar)), tokenArgs)} |`,
        `  sed -n 's/.*"access_token"[[:space:]]*:[[:space:]]*"\\([^"]*\\)".*/\\1/p')`,
        `if [ -z "$${TOKEN_VAR}" ]; then`,
        `  echo 'The token exchange failed: check ${auth.userVar} and ${auth.passVar}.' >&2`,
        'else',
        call(bearer(`"$${TOKEN_VAR}"`), api, '  '),
        'fi',
      );
      break;
    }
  }
  // `${VAR:?}` stops with a clear message when a variable is unset, instead of sending empty credentials.
  const checks = [...referenced].map((name) => `: "\${${name}:?is not set}"`);
  return `${[...checks, ...lines].join('\n')}\n`;
}
