import { WakeUp } from './wake-up';

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

  it('returns when the signal aborts', async () => {
    const stop = new AbortController();
    const waiting = new WakeUp().wait(A_MINUTE, stop.signal);
    stop.abort();
    await expect(waiting).resolves.toBeUndefined();
  });
});
