import { WakeUp } from './wake-up';

/** Whether `promise` has settled, after letting pending callbacks run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await jest.advanceTimersByTimeAsync(0);
  return done;
}

/** Whether `sleeping` is awake just before `ms` from now, and at `ms`. */
async function awakeBeforeAndAt(sleeping: Promise<void>, ms: number): Promise<[boolean, boolean]> {
  await jest.advanceTimersByTimeAsync(ms - 1);
  const before = await settled(sleeping);
  await jest.advanceTimersByTimeAsync(1);
  return [before, await settled(sleeping)];
}

describe('WakeUp', () => {
  const never = new AbortController().signal;

  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  describe('when the loop sleeps', () => {
    it('wakes it after the time asked for', async () => {
      expect(await awakeBeforeAndAt(new WakeUp().sleep(1_000, never), 1_000)).toEqual([false, true]);
    });

    it('wakes it at once on a ring', async () => {
      const wakeUp = new WakeUp();
      const sleeping = wakeUp.sleep(1_000, never);
      wakeUp.ring();
      expect(await settled(sleeping)).toBe(true);
    });

    it('moves its alarm earlier for a timer ready before it', async () => {
      const wakeUp = new WakeUp();
      const sleeping = wakeUp.sleep(1_000, never);
      wakeUp.ringAt(50);
      expect(await awakeBeforeAndAt(sleeping, 50)).toEqual([false, true]);
    });

    it('keeps its alarm for a timer ready after it', async () => {
      const wakeUp = new WakeUp();
      const sleeping = wakeUp.sleep(100, never);
      wakeUp.ringAt(5_000);
      await jest.advanceTimersByTimeAsync(100);
      expect(await settled(sleeping)).toBe(true);
    });

    it('wakes it when the signal aborts', async () => {
      const stop = new AbortController();
      const sleeping = new WakeUp().sleep(1_000, stop.signal);
      stop.abort();
      expect(await settled(sleeping)).toBe(true);
    });
  });

  describe('when the loop is busy', () => {
    it('remembers a ring for its next sleep, once', async () => {
      const wakeUp = new WakeUp();
      wakeUp.ringAt(10_000);
      expect(await settled(wakeUp.sleep(1_000, never))).toBe(true);
      expect(await settled(wakeUp.sleep(1_000, never))).toBe(false);
    });
  });
});
