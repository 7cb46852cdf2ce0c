// Errors are values: a stable machine-readable code, words a user can act on, and an optional hint.
// They cross every boundary (IPC, HTTP, CLI exit codes) as plain JSON, never as stack traces.
import type { TextRef } from './engine-text';

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
  'SETTINGS_UNREADABLE',
  'SETTINGS_BUSY',
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
  /** Which engine sentence this is and its facts, so a door can say it in its own language (engine-text.ts). */
  text?: TextRef;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly text?: TextRef;

  constructor(code: ErrorCode, message: string, hint?: string, text?: TextRef) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (hint !== undefined) this.hint = hint;
    if (text !== undefined) this.text = text;
  }

  /** The error again from its value, as a door rethrows one it received: code, words and text ids kept. */
  static of(data: AppErrorData): AppError {
    return new AppError(data.code, data.message, data.hint, data.text);
  }

  toJSON(): AppErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.text === undefined ? {} : { text: this.text }),
    };
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
    case 'SETTINGS_UNREADABLE':
      return 'Settings file unreadable';
    case 'SETTINGS_BUSY':
      return 'Settings file busy';
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

/** An error as a terminal shows it: title and message, the hint indented below. */
export const formatError = (error: AppErrorData): string =>
  `${errorTitle(error.code)}: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`;

/**
 * The CLI's documented exit codes (README): 0 ok, 1 a fault inside Sinch Keys, 2 bad input, 3 the keychain or the
 * settings file, 4 authentication or network, 5 a test or check found a problem, 6 refused for an AI agent.
 */
export const EXIT = { ok: 0, internal: 1, badInput: 2, storage: 3, authOrNetwork: 4, problemFound: 5, agentRefused: 6 } as const;

/** Every error code has its exit code: a new code does not compile until it is given one. */
const EXIT_CODE_OF: Record<ErrorCode, number> = {
  VALIDATION: EXIT.badInput,
  NOT_FOUND: EXIT.badInput,
  CONFLICT: EXIT.badInput,
  UNAUTHORIZED: EXIT.badInput,
  WRONG_CREDENTIAL_KIND: EXIT.badInput,
  UNSAFE_VALUE: EXIT.badInput,
  EXPORT_FAILED: EXIT.badInput,
  IMPORT_FAILED: EXIT.badInput,
  KEYCHAIN_UNAVAILABLE: EXIT.storage,
  KEYCHAIN_LOCKED: EXIT.storage,
  KEYCHAIN_TIMEOUT: EXIT.storage,
  KEYCHAIN_ENTRY_MISSING: EXIT.storage,
  SETTINGS_CORRUPT: EXIT.storage,
  SETTINGS_UNREADABLE: EXIT.storage,
  SETTINGS_BUSY: EXIT.storage,
  TOKEN_INVALID_CLIENT: EXIT.authOrNetwork,
  TOKEN_REJECTED: EXIT.authOrNetwork,
  TOKEN_RATE_LIMITED: EXIT.authOrNetwork,
  TOKEN_SERVER_ERROR: EXIT.authOrNetwork,
  TOKEN_BAD_RESPONSE: EXIT.authOrNetwork,
  NETWORK: EXIT.authOrNetwork,
  TIMEOUT: EXIT.authOrNetwork,
  HOST_NOT_ALLOWED: EXIT.authOrNetwork,
  AGENT_REFUSED: EXIT.agentRefused,
  RATE_LIMITED: EXIT.agentRefused,
  CANCELLED: EXIT.internal,
  INTERNAL: EXIT.internal,
};

export const exitCodeFor = (code: ErrorCode): number => EXIT_CODE_OF[code] ?? EXIT.internal;
