// One renderer for environment variables, driven by a table of syntaxes. Each syntax quotes so that its reader gets
// back exactly the value's bytes; a value a syntax cannot carry is refused with UNSAFE_VALUE, never altered.
import type { EnvVar } from '../env-vars';
import { AppError } from '../errors';

export const ENV_SYNTAXES = ['dotenv', 'posix', 'fish', 'powershell', 'cmd'] as const;
export type EnvSyntax = (typeof ENV_SYNTAXES)[number];

interface Syntax {
  /** The assignment line(s) for a value; throws UNSAFE_VALUE when the syntax cannot hold it. */
  assign(name: string, value: string): string;
  commentPrefix: string;
  eol: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// NUL ends a C string (no environment can hold it); a lone surrogate has no UTF-8 encoding, so no file can hold it.
const UNREPRESENTABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const unsafe = (name: string, why: string, hint?: string) =>
  new AppError('UNSAFE_VALUE', `The value of ${name} cannot be written safely: ${why}.`, hint);

function checkName(name: string): void {
  if (!NAME.test(name)) throw unsafe(name, 'a variable name may hold only letters, digits and _, and not start with a digit');
}

function checkRepresentable(name: string, value: string): void {
  if (UNREPRESENTABLE.test(value))
    throw unsafe(name, 'it contains a NUL character or broken Unicode, which no environment variable can hold');
}

/** POSIX sh single quotes: everything is literal; a quote is closed, escaped and reopened. */
export function shellQuote(value: string, what = 'the value'): string {
  checkRepresentable(what, value);
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

// ---- dotenv ----
// dotenv@17 `parse` (node_modules/dotenv/lib/main.js) turns CR and CRLF into LF, then matches each assignment with
// its LINE regex: unquoted values stop at `#` or a line end and are trimmed; '…', "…" and `…` values may span lines
// and keep their content literally, except that inside "…" the two-character sequences \n and \r become LF and CR.
// No quote can be escaped: `\'` is accepted inside '…' but the backslash stays. So a value holding ' and ` can only
// go in "…" (if it has no " and no literal \n or \r), and a CR only as \r inside "…".

/** Unquoted is exact for a single line without `#`, surrounding white space, or a leading quote. */
const isPlainDotenv = (v: string) => v !== '' && v === v.trim() && !/[#\r\n\u2028\u2029]/.test(v) && !/^['"`]/.test(v);

/**
 * dotenv's pattern reads `\'` before a closing quote as an escaped quote and then searches the rest of the file for
 * another closing quote. A comment on the same line that holds a bare quote followed by text stops that search,
 * so the value's own closing quote wins whatever follows in the file.
 */
export const dotenvBackslashGuard = (quote: string) => ` # ${quote}${quote} keeps the trailing backslash`;

function dotenvQuoted(quote: string, content: string): string {
  return `${quote}${content}${quote}${content.endsWith('\\') ? dotenvBackslashGuard(quote) : ''}`;
}

function dotenvValue(name: string, v: string): string {
  if (isPlainDotenv(v)) return v;
  const escapable = !v.includes('"') && !/\\[nr]/.test(v);
  if (v.includes('\r')) {
    if (escapable) return dotenvQuoted('"', v.replaceAll('\r', '\\r'));
    throw unsafe(
      name,
      'dotenv can only hold a carriage return as \\r inside "…", and this value also contains " or \\n/\\r',
      'Use the POSIX shell or fish syntax instead.',
    );
  }
  for (const quote of ["'", '`']) if (!v.includes(quote)) return dotenvQuoted(quote, v);
  if (escapable) return dotenvQuoted('"', v);
  throw unsafe(
    name,
    'it needs quotes (a #, a line break or surrounding spaces) but holds both \' and `, and also " or a \\n or \\r that dotenv would turn into a line break inside "…"',
    'Use the POSIX shell or fish syntax instead.',
  );
}

// ---- the table ----

const SYNTAXES: Record<EnvSyntax, Syntax> = {
  dotenv: { assign: (n, v) => `${n}=${dotenvValue(n, v)}`, commentPrefix: '#', eol: '\n' },
  posix: { assign: (n, v) => `export ${n}=${shellQuote(v, n)}`, commentPrefix: '#', eol: '\n' },
  // fish single quotes: only \\ and \' are escapes (fish documentation, "Quotes").
  fish: { assign: (n, v) => `set -gx ${n} '${v.replace(/[\\']/g, '\\$&')}'`, commentPrefix: '#', eol: '\n' },
  // PowerShell treats ' and the typographic single quotes U+2018–U+201B alike; any of them is escaped by doubling.
  powershell: {
    assign: (n, v) => `$env:${n} = '${v.replace(/['\u2018-\u201B]/g, '$&$&')}'`,
    commentPrefix: '#',
    eol: '\n',
  },
  // cmd has no quoting that protects line breaks, " or % (expanded even inside quotes) or ! (delayed expansion).
  cmd: {
    assign: (n, v) => {
      if (/[\r\n"%!]/.test(v))
        throw unsafe(
          n,
          'Command Prompt cannot safely set a value containing a line break, ", % or !',
          'Use the PowerShell syntax instead.',
        );
      return `set "${n}=${v}"`;
    },
    commentPrefix: 'REM',
    eol: '\r\n',
  },
};

/** One assignment in a syntax. */
export function renderAssignment(name: string, value: string, syntax: EnvSyntax): string {
  checkName(name);
  checkRepresentable(name, value);
  return SYNTAXES[syntax].assign(name, value);
}

const placeholderText = (name: string) => `${name} is a secret and was not included; set it yourself.`;

/** What stands in for a secret that is not included: an empty .env entry to fill in, a comment in a shell. */
export function renderPlaceholder(name: string, syntax: EnvSyntax): string {
  checkName(name);
  // An empty `export NAME=''` would wipe a value the shell already has, so shells only get a comment.
  return syntax === 'dotenv'
    ? `${name}= # ${placeholderText(name)}`
    : `${SYNTAXES[syntax].commentPrefix} ${placeholderText(name)}`;
}

export interface RenderEnvOptions {
  /** Write secret values that are present; without it every secret becomes a placeholder. */
  includeSecrets: boolean;
}

export function renderEnv(vars: readonly EnvVar[], syntax: EnvSyntax, { includeSecrets }: RenderEnvOptions): string {
  const { commentPrefix, eol } = SYNTAXES[syntax];
  const lines = vars.flatMap((v) => {
    const comment = v.comment ? [`${commentPrefix} ${v.comment.replace(/[\r\n\u2028\u2029]+/g, ' ')}`] : [];
    const writeValue = v.value !== undefined && (!v.secret || includeSecrets);
    return [...comment, writeValue ? renderAssignment(v.name, v.value as string, syntax) : renderPlaceholder(v.name, syntax)];
  });
  return lines.map((line) => line + eol).join('');
}
