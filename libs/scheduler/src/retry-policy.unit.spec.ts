import { afterFailure, exceedsAttempts, type RetryPolicy, sleepBeforeNextRound } from './retry-policy';

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 };
const lowest = () => 0;
const highest = () => 1;
const middle = () => 0.5;

describe('afterFailure', () => {
  describe('when attempts remain', () => {
    it('doubles the wait with every failed attempt', () => {
      expect([1, 2, 3, 4].map((attempt) => afterFailure(attempt, policy, middle))).toEqual([
        { action: 'retry', delayMs: 100 },
        { action: 'retry', delayMs: 200 },
        { action: 'retry', delayMs: 400 },
        { action: 'retry', delayMs: 800 },
      ]);
    });

    it('spreads each wait by a quarter either way', () => {
      expect(afterFailure(3, policy, lowest)).toEqual({ action: 'retry', delayMs: 300 });
      expect(afterFailure(3, policy, highest)).toEqual({ action: 'retry', delayMs: 500 });
    });

    it('never waits longer than the cap, spread included', () => {
      const generous: RetryPolicy = { ...policy, maxAttempts: 1_000 };
      expect(afterFailure(4, generous, highest)).toEqual({ action: 'retry', delayMs: 1_000 });
      expect(afterFailure(900, generous, highest)).toEqual({ action: 'retry', delayMs: 1_000 });
      expect(afterFailure(900, generous, lowest)).toEqual({ action: 'retry', delayMs: 750 });
    });

    it('treats a nonsensical attempt number as the first', () => {
      expect(afterFailure(0, policy, middle)).toEqual({ action: 'retry', delayMs: 100 });
      expect(afterFailure(-2, policy, middle)).toEqual({ action: 'retry', delayMs: 100 });
    });
  });

  describe('when the last attempt failed', () => {
    it('gives up', () => {
      expect(afterFailure(5, policy, middle)).toEqual({ action: 'give_up' });
      expect(afterFailure(6, policy, middle)).toEqual({ action: 'give_up' });
    });
  });
});

describe('exceedsAttempts', () => {
  it('is true only for a claim past the last attempt (earlier leases ran out)', () => {
    expect(exceedsAttempts(5, policy)).toBe(false);
    expect(exceedsAttempts(6, policy)).toBe(true);
  });
});

describe('sleepBeforeNextRound', () => {
  it('sleeps until the next timer is ready when that comes before the next poll', () => {
    expect(sleepBeforeNextRound(50, 1_000)).toBe(50);
    expect(sleepBeforeNextRound(49.2, 1_000)).toBe(50);
  });

  it('sleeps no longer than the poll interval', () => {
    expect(sleepBeforeNextRound(60_000, 1_000)).toBe(1_000);
    expect(sleepBeforeNextRound(undefined, 1_000)).toBe(1_000);
  });

  it('does not sleep when a timer is overdue', () => {
    expect(sleepBeforeNextRound(-250, 1_000)).toBe(0);
  });
});
