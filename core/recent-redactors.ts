// The redactors of the engine's recent requests. Working out every form of a token (base64, URL and JSON escapes…)
// costs more than the rest of a request on loopback, and an agent or a Test button sends one request after another
// with the same token. The requests of one window share a batch memo (keyed by the exact secrets and pairs), and
// the whole memo is dropped a window after it was made, so no form of a secret stays in memory for long after the
// requests that used it.
import { type redactorFor, redactorsForBatch } from '../shared/redact';

/** Long enough for a burst of agent calls, short next to a token's hour. */
export const REDACTOR_WINDOW_MS = 60_000;

export function recentRedactors(windowMs = REDACTOR_WINDOW_MS): typeof redactorFor {
  let batch: typeof redactorFor | undefined;
  return (secrets, pairs) => {
    if (!batch) {
      batch = redactorsForBatch();
      // The memo must not keep a CLI command or a test alive.
      setTimeout(() => {
        batch = undefined;
      }, windowMs).unref?.();
    }
    return batch(secrets, pairs);
  };
}
