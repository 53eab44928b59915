import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../src/client/realtime/backoff.ts';

describe('reconnection backoff', () => {
  const options = { initialDelayMs: 100, maxDelayMs: 1000 };

  it('doubles its ceiling per attempt up to the maximum', () => {
    const top = () => 0.999_999;
    expect(
      [0, 1, 2, 3, 4, 5, 40].map((attempt) => backoffDelay(attempt, options, undefined, top)),
    ).toEqual([99, 199, 399, 799, 999, 999, 999]);
  });

  it('spreads delays over the whole window (full jitter), never below zero or above the ceiling', () => {
    const delays = Array.from({ length: 2000 }, () => backoffDelay(3, options));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(800);
    // Full jitter: the lowest and the highest tenth of the window are both used.
    expect(delays.some((d) => d < 80)).toBe(true);
    expect(delays.some((d) => d >= 720)).toBe(true);
    const mean = delays.reduce((sum, d) => sum + d, 0) / delays.length;
    expect(mean).toBeGreaterThan(320);
    expect(mean).toBeLessThan(480);
  });

  it("takes the server's retry hint as its base", () => {
    const top = () => 0.999_999;
    expect(backoffDelay(0, options, 400, top)).toBe(399);
    expect(backoffDelay(1, options, 400, top)).toBe(799);
    expect(backoffDelay(2, options, 400, top)).toBe(999);
    expect(backoffDelay(0, options, 400, () => 0)).toBe(0);
  });

  it('defaults to one second, growing to thirty', () => {
    expect(DEFAULT_BACKOFF).toEqual({ initialDelayMs: 1000, maxDelayMs: 30_000 });
  });
});
