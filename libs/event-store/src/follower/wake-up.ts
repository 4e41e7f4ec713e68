/** What a caught-up follower waits on: a sign that the global log may have grown, or the poll interval. */
export interface LogWakeUp {
  /**
   * Resolves on a sign of new events (one that came since the last wait counts), after `timeoutMs` whatever
   * happens, or at once when `signal` aborts. Never rejects: a missed sign only costs one poll interval.
   */
  wait(timeoutMs: number, signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/**
 * Resolves after `ms`, when `early` is called, or at once when the signal aborts. Never rejects, so loops
 * test `signal.aborted` themselves right after, in one place. (Not AbortSignal.any: it is called on every
 * idle turn, and Node keeps combined signals alive as long as their long-lived sources.)
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
 * A doorbell: whatever learns of new events (a NOTIFY, a live subscription) rings it, a caught-up follower
 * waits on it. A ring while nobody waits is remembered, so an event committed between the follower's last
 * read and its wait is not left for the next poll. One waiter at a time: one doorbell per follower.
 */
export class WakeUp implements LogWakeUp {
  private pending = false;
  private waiter: (() => void) | undefined;

  ring(): void {
    this.pending = true;
    this.waiter?.();
  }

  async wait(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (!this.pending) {
      await pause(timeoutMs, signal, (wake) => (this.waiter = wake));
      this.waiter = undefined;
    }
    this.pending = false;
  }

  async close(): Promise<void> {
    this.waiter?.();
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

/** What ReconnectingWakeUp connects to: rings on news, reports its own end, and can be closed. */
export type WakeUpSource = (ring: () => void, dropped: () => void) => Promise<{ close(): Promise<void> }>;

/**
 * A doorbell wired to a source that can drop (a LISTEN connection, a live subscription), connected when a
 * follower first waits and again at most every `retryMs` after it dropped; meanwhile the follower polls. Right
 * after connecting, wait() returns at once: whatever happened before the source was up went unannounced.
 */
export class ReconnectingWakeUp implements LogWakeUp {
  private readonly doorbell = new WakeUp();
  private source: { close(): Promise<void> } | undefined;
  private lastAttempt = 0;
  private closed = false;

  constructor(
    private readonly connect: WakeUpSource,
    private readonly retryMs = 5_000,
  ) {}

  async wait(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (!this.source && !this.closed && Date.now() - this.lastAttempt > this.retryMs && (await this.open())) return;
    await this.doorbell.wait(timeoutMs, signal);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.doorbell.close();
    await this.source?.close();
    this.source = undefined;
  }

  private async open(): Promise<boolean> {
    this.lastAttempt = Date.now();
    let source: { close(): Promise<void> } | undefined;
    const dropped = () => {
      if (this.source === source) this.source = undefined;
    };
    try {
      source = await this.connect(() => this.doorbell.ring(), dropped);
    } catch {
      return false;
    }
    if (this.closed) {
      await source.close();
      return false;
    }
    this.source = source;
    return true;
  }
}
