// The engine reuses the redaction forms of the secrets its last requests used, and only for a minute: a reused
// redactor must still cut out exactly the secrets of the request at hand.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REDACTOR_WINDOW_MS, recentRedactors } from '../../core/recent-redactors';
import { REDACTED } from '../../shared/redact';

const TOKEN_A = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.first-token';
const TOKEN_B = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJiIn0.second-token';
const echo = (token: string) => `{"echo":"${token}","basic":"${btoa(`key:${token}`)}"}`;

afterEach(() => vi.useRealTimers());

describe('the redactors of recent requests', () => {
  it('cut out the secrets of each request, whichever request came before', () => {
    const redactors = recentRedactors();
    expect(redactors([TOKEN_A]).text(echo(TOKEN_A))).not.toContain('first-token');
    const second = redactors([TOKEN_B], [['key', TOKEN_B]]).text(echo(TOKEN_B));
    expect(second).not.toContain('second-token');
    expect(second).not.toContain(btoa(`key:${TOKEN_B}`));
    expect(second).toContain(REDACTED);
    // A redactor made for A is not handed out for B, nor for A with a pair it was not made with.
    expect(redactors([TOKEN_A])).toBe(redactors([TOKEN_A]));
    expect(redactors([TOKEN_A])).not.toBe(redactors([TOKEN_B]));
    expect(redactors([TOKEN_A])).not.toBe(redactors([TOKEN_A], [['key', TOKEN_A]]));
  });

  it('forget every secret a minute after they first held one', () => {
    vi.useFakeTimers();
    const redactors = recentRedactors();
    const first = redactors([TOKEN_A]);
    vi.advanceTimersByTime(REDACTOR_WINDOW_MS - 1);
    expect(redactors([TOKEN_A])).toBe(first);
    vi.advanceTimersByTime(1);
    expect(redactors([TOKEN_A])).not.toBe(first);
  });
});
