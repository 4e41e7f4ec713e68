/**
 * The loop's alarm clock. Its timer is only ever a wake-up: what is due lives in the table, so a lost
 * wake-up (a restart, a missed notification) only delays a timer until the next poll, it never loses it.
 *
 * `ringAt` moves a pending sleep earlier (a timer scheduled to fire before the loop meant to look again);
 * a ring while the loop is busy is remembered, so the next sleep returns at once and the loop looks again.
 */
export class WakeUp {
  private rung = false;
  private sleeper: { deadline: number; timer: NodeJS.Timeout; wake: () => void } | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  ring(): void {
    if (this.sleeper) this.sleeper.wake();
    else this.rung = true;
  }

  /** Wakes the loop by `epochMs`: now if that has passed or the loop is busy, else by moving its alarm. */
  ringAt(epochMs: number): void {
    const sleeper = this.sleeper;
    if (!sleeper) {
      this.rung = true;
      return;
    }
    if (epochMs >= sleeper.deadline) return;
    clearTimeout(sleeper.timer);
    sleeper.deadline = epochMs;
    sleeper.timer = setTimeout(sleeper.wake, Math.max(0, epochMs - this.now()));
  }

  /** Resolves after `ms`, on a ring, or when the signal aborts; never rejects. */
  sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (this.rung || signal.aborted) {
      this.rung = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const wake = () => {
        if (this.sleeper) clearTimeout(this.sleeper.timer);
        this.sleeper = undefined;
        signal.removeEventListener('abort', wake);
        resolve();
      };
      this.sleeper = { deadline: this.now() + ms, timer: setTimeout(wake, ms), wake };
      signal.addEventListener('abort', wake, { once: true });
    });
  }
}
