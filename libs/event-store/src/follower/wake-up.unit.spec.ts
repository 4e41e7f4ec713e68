import { WakeUp, finishesWithin } from './wake-up';

/** Waits far longer than any test may run: only a ring or an abort can end these waits in time. */
const A_MINUTE = 60_000;

describe('WakeUp', () => {
  it('wakes a waiting follower when rung', async () => {
    const wakeUp = new WakeUp();
    const waiting = wakeUp.wait(A_MINUTE);
    wakeUp.ring();
    await expect(waiting).resolves.toBeUndefined();
  });

  it('remembers a ring that came while nobody waited, once', async () => {
    const wakeUp = new WakeUp();
    wakeUp.ring();
    await expect(wakeUp.wait(A_MINUTE)).resolves.toBeUndefined();
    let second = 'waiting';
    const waiting = wakeUp.wait(A_MINUTE).then(() => (second = 'woken'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(second).toBe('waiting');
    wakeUp.ring();
    await waiting;
    expect(second).toBe('woken');
  });

  // Bounded well under the minute's wait: a wait that ignored the signal would still resolve, only later.
  it('returns when the signal aborts, long before the wait is over', async () => {
    const stop = new AbortController();
    const waiting = new WakeUp().wait(A_MINUTE, stop.signal);
    stop.abort();
    expect(await finishesWithin(waiting, 1_000)).toBe(true);
  });

  it('returns at once when the signal had already aborted', async () => {
    const stop = new AbortController();
    stop.abort();
    expect(await finishesWithin(new WakeUp().wait(A_MINUTE, stop.signal), 1_000)).toBe(true);
  });
});
