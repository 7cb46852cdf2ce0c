import { describe, expect, it } from 'vitest';
import { daysSince, formatCountdown, secondsUntil, shouldAutoRefresh } from '../../renderer/lib/time';

const NOW = Date.parse('2026-11-25T12:00:00Z');

describe('token countdown', () => {
  it('shows minutes and seconds with two digits each', () => {
    expect(formatCountdown(0)).toBe('00:00');
    expect(formatCountdown(9)).toBe('00:09');
    expect(formatCountdown(61)).toBe('01:01');
    expect(formatCountdown(3599)).toBe('59:59');
  });

  it('keeps counting minutes past an hour instead of wrapping', () => {
    expect(formatCountdown(3600)).toBe('60:00');
    expect(formatCountdown(86_400)).toBe('1440:00');
  });

  it('never shows a negative or fractional time', () => {
    expect(formatCountdown(-5)).toBe('00:00');
    expect(formatCountdown(59.9)).toBe('00:59');
  });

  it('counts whole seconds left until expiry and stops at zero', () => {
    expect(secondsUntil(NOW + 90_500, NOW)).toBe(90);
    expect(secondsUntil(NOW - 1000, NOW)).toBe(0);
  });
});

describe('key age', () => {
  it('counts whole days since the key was added', () => {
    expect(daysSince('2026-08-23T12:00:00Z', NOW)).toBe(94);
    expect(daysSince('2026-11-25T01:00:00Z', NOW)).toBe(0);
  });

  it('says nothing for a missing or unreadable date, and 0 for a date in the future', () => {
    expect(daysSince(undefined, NOW)).toBeUndefined();
    expect(daysSince('yesterday', NOW)).toBeUndefined();
    expect(daysSince('2026-12-01T00:00:00Z', NOW)).toBe(0);
  });
});

describe('automatic refresh', () => {
  it('asks for a new token once fewer than 60 seconds are left', () => {
    expect(shouldAutoRefresh(NOW + 61_000, NOW, undefined)).toBe(false);
    expect(shouldAutoRefresh(NOW + 59_000, NOW, undefined)).toBe(true);
  });

  it('asks only once per token, even while the countdown keeps ticking', () => {
    const expiresAt = NOW + 30_000;
    expect(shouldAutoRefresh(expiresAt, NOW, expiresAt)).toBe(false);
    expect(shouldAutoRefresh(NOW + 20_000, NOW, expiresAt)).toBe(true);
  });

  it('does nothing without a token', () => {
    expect(shouldAutoRefresh(undefined, NOW, undefined)).toBe(false);
  });
});
