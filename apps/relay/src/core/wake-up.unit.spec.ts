import { WakeUp, finishesWithin } from './wake-up';

describe('WakeUp', () => {
  const never = new AbortController().signal;

  it('wakes a waiting loop at once when rung', async () => {
    const wakeUp = new WakeUp();
    const started = Date.now();
    const waiting = wakeUp.wait(5_000, never);
    wakeUp.ring();
    await waiting;
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('remembers a ring that came while nobody waited, once', async () => {
    const wakeUp = new WakeUp();
    wakeUp.ring();
    const started = Date.now();
    await wakeUp.wait(5_000, never);
    expect(Date.now() - started).toBeLessThan(1_000);
    await wakeUp.wait(30, never);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  // Bounded well under the 5 s wait: a wait that ignored the signal would still resolve, only 5 s later.
  it('returns when the signal aborts, long before the wait is over', async () => {
    const stop = new AbortController();
    const waiting = new WakeUp().wait(5_000, stop.signal);
    stop.abort();
    expect(await finishesWithin(waiting, 1_000)).toBe(true);
  });

  it('returns at once when the signal had already aborted', async () => {
    const stop = new AbortController();
    stop.abort();
    expect(await finishesWithin(new WakeUp().wait(5_000, stop.signal), 1_000)).toBe(true);
  });
});
