import type { Pool } from 'pg';
import { PostgresDoorbell } from './postgres-doorbell';

/** A pool whose queries answer when the test says so; it only counts the NOTIFYs sent. */
function countingPool() {
  const answers: (() => void)[] = [];
  const pool = {
    query: () =>
      new Promise<void>((resolve) => {
        answers.push(resolve);
      }),
  } as unknown as Pool;
  return {
    pool,
    sent: () => answers.length,
    answerAll: async () => {
      for (const answer of answers.splice(0)) answer();
      // Let the doorbell's then/finally run.
      for (let turn = 0; turn < 5; turn++) await Promise.resolve();
    },
  };
}

describe('the doorbell', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  describe('after a quiet spell', () => {
    it('rings at once', () => {
      const { pool, sent } = countingPool();
      new PostgresDoorbell(pool, 20).ring();
      expect(sent()).toBe(1);
    });
  });

  describe('when rung again and again within its interval', () => {
    it('rings once more, at the end of the interval', async () => {
      const { pool, sent, answerAll } = countingPool();
      const doorbell = new PostgresDoorbell(pool, 20);
      doorbell.ring();
      await answerAll();
      for (let ring = 0; ring < 10; ring++) doorbell.ring();
      expect(sent()).toBe(0);
      jest.advanceTimersByTime(19);
      expect(sent()).toBe(0);
      jest.advanceTimersByTime(1);
      expect(sent()).toBe(1);
    });

    it('folds rings that come while one is on its way into one more', async () => {
      const { pool, sent, answerAll } = countingPool();
      const doorbell = new PostgresDoorbell(pool, 20);
      doorbell.ring();
      doorbell.ring();
      doorbell.ring();
      expect(sent()).toBe(1);
      await answerAll();
      jest.advanceTimersByTime(20);
      expect(sent()).toBe(1);
      await answerAll();
      jest.advanceTimersByTime(100);
      expect(sent()).toBe(0);
    });
  });

  describe('when closing', () => {
    it('rings what waits for its interval at once, and waits for it', async () => {
      const { pool, sent, answerAll } = countingPool();
      const doorbell = new PostgresDoorbell(pool, 20);
      doorbell.ring();
      await answerAll();
      doorbell.ring();
      const quiet = doorbell.quiet();
      expect(sent()).toBe(1);
      await answerAll();
      await expect(quiet).resolves.toBeUndefined();
    });
  });
});
