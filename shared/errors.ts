// Errors are values: a stable machine-readable code, words a user can act on, and an optional hint.
// They cross every boundary (IPC, HTTP, CLI exit codes) as plain JSON, never as stack traces.

export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHORIZED',
  'KEYCHAIN_UNAVAILABLE',
  'KEYCHAIN_LOCKED',
  'KEYCHAIN_TIMEOUT',
  'KEYCHAIN_ENTRY_MISSING',
  'SETTINGS_CORRUPT',
  'TOKEN_INVALID_CLIENT',
  'TOKEN_REJECTED',
  'TOKEN_RATE_LIMITED',
  'TOKEN_SERVER_ERROR',
  'TOKEN_BAD_RESPONSE',
  'NETWORK',
  'TIMEOUT',
  'HOST_NOT_ALLOWED',
  'WRONG_CREDENTIAL_KIND',
  'UNSAFE_VALUE',
  'EXPORT_FAILED',
  'IMPORT_FAILED',
  'CANCELLED',
  'AGENT_REFUSED',
  'RATE_LIMITED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorData {
  code: ErrorCode;
  message: string;
  hint?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, hint?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (hint !== undefined) this.hint = hint;
  }

  toJSON(): AppErrorData {
    return this.hint === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, hint: this.hint };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** Turns anything thrown into an error value; unknown errors never expose their text (it may hold a secret). */
export function toErrorData(err: unknown): AppErrorData {
  if (err instanceof AppError) return err.toJSON();
  return {
    code: 'INTERNAL',
    message: 'Something went wrong inside Sinch Keys.',
    hint: 'Try again; if it persists, report it with the steps that led here.',
  };
}

/** Runs a function and returns its result as a value: the envelope every boundary uses. */
export async function attempt<T>(fn: () => Promise<T> | T): Promise<Result<T>> {
  try {
    return ok(await fn());
  } catch (err) {
    return { ok: false, error: toErrorData(err) };
  }
}

/** A short title per code; the switch fails to compile when a code has no words. */
export function errorTitle(code: ErrorCode): string {
  switch (code) {
    case 'VALIDATION':
      return 'Invalid input';
    case 'NOT_FOUND':
      return 'Not found';
    case 'CONFLICT':
      return 'Already exists';
    case 'UNAUTHORIZED':
      return 'Not allowed';
    case 'KEYCHAIN_UNAVAILABLE':
      return 'Keychain unavailable';
    case 'KEYCHAIN_LOCKED':
      return 'Keychain locked';
    case 'KEYCHAIN_TIMEOUT':
      return 'Keychain did not answer';
    case 'KEYCHAIN_ENTRY_MISSING':
      return 'Secret missing from the keychain';
    case 'SETTINGS_CORRUPT':
      return 'Settings file was damaged';
    case 'TOKEN_INVALID_CLIENT':
      return 'Access key rejected';
    case 'TOKEN_REJECTED':
      return 'Token request rejected';
    case 'TOKEN_RATE_LIMITED':
      return 'Token endpoint rate limit';
    case 'TOKEN_SERVER_ERROR':
      return 'Token endpoint error';
    case 'TOKEN_BAD_RESPONSE':
      return 'Unreadable token response';
    case 'NETWORK':
      return 'Network error';
    case 'TIMEOUT':
      return 'Timed out';
    case 'HOST_NOT_ALLOWED':
      return 'Host not allowed for this secret';
    case 'WRONG_CREDENTIAL_KIND':
      return 'Wrong credential kind';
    case 'UNSAFE_VALUE':
      return 'Value cannot be written safely';
    case 'EXPORT_FAILED':
      return 'Export failed';
    case 'IMPORT_FAILED':
      return 'Import failed';
    case 'CANCELLED':
      return 'Cancelled';
    case 'AGENT_REFUSED':
      return 'Refused for AI agents';
    case 'RATE_LIMITED':
      return 'Too many agent calls';
    case 'INTERNAL':
      return 'Internal error';
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

/** Process exit code for the CLI: 0 success, 2 bad input, 3 keychain, 4 auth/network, 1 anything else. */
/** An error as a terminal shows it: title and message, the hint indented below. */
export const formatError = (error: AppErrorData): string =>
  `${errorTitle(error.code)}: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`;

export function exitCodeFor(code: ErrorCode): number {
  if (code === 'VALIDATION' || code === 'NOT_FOUND' || code === 'CONFLICT' || code === 'UNSAFE_VALUE' || code === 'UNAUTHORIZED')
    return 2;
  if (code === 'AGENT_REFUSED' || code === 'RATE_LIMITED') return 6;
  if (code.startsWith('KEYCHAIN_')) return 3;
  if (code.startsWith('TOKEN_') || code === 'NETWORK' || code === 'TIMEOUT' || code === 'HOST_NOT_ALLOWED') return 4;
  return 1;
}
