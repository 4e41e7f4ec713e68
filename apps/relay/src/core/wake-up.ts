/**
 * Resolves after `ms`, when `early` is called, or at once when the signal aborts. Never rejects, so loops
 * test `signal.aborted` themselves right after, in one place. (Not AbortSignal.any: it is called on every
 * idle turn, and Node 20 keeps combined signals alive as long as their long-lived sources.)
 */
export function pause(ms: number, signal?: AbortSignal, early?: (wake: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    early?.(done);
  });
}

/**
 * A doorbell for the relay loop: the store's notifications ring it, the loop waits on it when caught up.
 * A ring while nobody waits is remembered, so an event committed between the loop's last read and its
 * wait is not left for the next poll.
 */
export class WakeUp {
  private pending = false;
  private waiter: (() => void) | undefined;

  ring(): void {
    this.pending = true;
    this.waiter?.();
  }

  /** Resolves on a ring (or one that came while nobody waited), after `ms`, or when the signal aborts. */
  async wait(ms: number, signal: AbortSignal): Promise<void> {
    if (!this.pending) {
      await pause(ms, signal, (wake) => (this.waiter = wake));
      this.waiter = undefined;
    }
    this.pending = false;
  }
}

/** Settles with true when `work` settles first, false after `ms`; the timer never outlives the race. */
export async function finishesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
