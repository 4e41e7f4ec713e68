import { HttpException, HttpStatus } from '@nestjs/common';

const WINDOW_MS = 60_000;

interface Window {
  startedAt: number;
  count: number;
}

/**
 * A fixed one-minute window per integration, counted in requests (one PagerDuty event is one request). Kept
 * in memory: each replica enforces the limit on its own share of the traffic.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws 429 with Retry-After (seconds until the window ends) once the key has used its minute's budget. */
  take(integrationId: string): void {
    const now = this.now();
    let window = this.windows.get(integrationId);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      window = { startedAt: now, count: 0 };
      this.windows.set(integrationId, window);
    }
    if (window.count >= this.perMinute) {
      const retryAfter = Math.max(1, Math.ceil((window.startedAt + WINDOW_MS - now) / 1000));
      throw new RateLimited(retryAfter, this.perMinute);
    }
    window.count += 1;
  }
}

export class RateLimited extends HttpException {
  constructor(
    readonly retryAfterSeconds: number,
    perMinute: number,
  ) {
    super(
      { status: 'throttle event', message: `rate limit of ${perMinute} events per minute for this integration key` },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
