// Where the engine's hint says "confirm" or "use another URL" without naming a control, the CLI names its own flags
// (the UI names its checkboxes, in the locale files' engineText section).

import { fillText } from '../shared/diagnosis';
import { ENGLISH_ENGINE_WORDS, type EngineTextId, enginePhrases } from '../shared/engine-text';
import type { AppErrorData } from '../shared/errors';

const CLI_HINTS: Partial<Record<EngineTextId, string>> = {
  hostNotHttps:
    'Give the {target} override an https:// URL (http:// only for 127.0.0.1, localhost and [::1]): sinch-keys edit <profile> --base-url {target}=https://…',
  hostNotSinch:
    'If you trust {host} (a proxy or a test server), confirm it: sinch-keys edit <profile> --base-url {target}=<url> --allow-host',
  functionHostUnconfirmed:
    'If this is your function (on *.sinch.com, your own domain or a tunnel), run the check again with --allow-host to confirm once that the key may be sent to {host}.',
};

/** The error with the CLI's hint in place of the engine's, where the CLI has its own words. */
export function withCliHint(error: AppErrorData): AppErrorData {
  const template = error.text && CLI_HINTS[error.text.id];
  if (!error.text || template === undefined) return error;
  const { params } = error.text;
  // {target} is written as the CLI takes it (numbers, auth), not as a product's name.
  const phrases = { ...enginePhrases(params, ENGLISH_ENGINE_WORDS), target: params.target ?? '' };
  return { ...error, hint: fillText(template, phrases) };
}
