import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import type { PlatformConfig } from '../config/load-config';
import { PLATFORM_CONFIG } from '../platform-config.token';
import { PINO_LOGGER } from '../platform-logger.token';

/** Work a service runs beside its HTTP API for as long as the app lives: the relay, projections, a consumer. */
export interface BackgroundLoop {
  /** Names it in logs and in /health/ready. */
  readonly name: string;
  /**
   * Runs until `signal` aborts, then winds down within `stopWithinMs` and resolves. A rejection, or a return
   * before it was asked to stop, is a crash: logged, and /health/ready reports the loop down from then on.
   */
  run(signal: AbortSignal, stopWithinMs: number): Promise<void>;
}

type LoopState = 'running' | 'crashed' | 'stopped';

/**
 * The one Nest wrapper for background loops. Services register theirs (usually in a provider's constructor);
 * all start once the app has bootstrapped, without being awaited (readiness means "serving": a standby relay or
 * a long catch-up must not keep the API down), and all are stopped before the application shuts down, while
 * the connections they use are still open, each within half of SHUTDOWN_TIMEOUT_MS (the other half is for the
 * HTTP server and the rest).
 */
@Injectable()
export class BackgroundLoops implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly registered: BackgroundLoop[] = [];
  private readonly states = new Map<string, LoopState>();
  private readonly runs = new Map<string, Promise<void>>();
  private readonly stopping = new AbortController();
  private bootstrapped = false;

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: Pick<PlatformConfig, 'shutdownTimeoutMs'>,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  /** Adds a loop; one registered after bootstrap starts at once. */
  register(loop: BackgroundLoop): void {
    if (this.states.has(loop.name)) throw new Error(`a background loop named ${loop.name} is registered already`);
    this.registered.push(loop);
    this.states.set(loop.name, 'stopped');
    if (this.bootstrapped) this.start(loop);
  }

  /** The loops that crashed; /health/ready is down while there is one. */
  crashed(): string[] {
    return [...this.states].filter(([, state]) => state === 'crashed').map(([name]) => name);
  }

  onApplicationBootstrap(): void {
    this.bootstrapped = true;
    for (const loop of this.registered) this.start(loop);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    const budgetMs = this.stopBudgetMs();
    await Promise.all(
      [...this.runs].map(async ([name, run]) => {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), budgetMs + 1_000)));
        const outcome = await Promise.race([run.then(() => 'stopped' as const), late]);
        clearTimeout(timer);
        if (outcome === 'late') this.logger.warn({ loop: name, budgetMs }, 'background loop did not stop in time');
      }),
    );
  }

  private start(loop: BackgroundLoop): void {
    const signal = this.stopping.signal;
    this.states.set(loop.name, 'running');
    const run = Promise.resolve()
      .then(() => loop.run(signal, this.stopBudgetMs()))
      .then(
        () => {
          if (signal.aborted) this.states.set(loop.name, 'stopped');
          else this.crash(loop.name, new Error('returned without being stopped'));
        },
        (error: unknown) => this.crash(loop.name, error),
      );
    this.runs.set(loop.name, run);
  }

  private crash(name: string, error: unknown): void {
    this.states.set(name, 'crashed');
    this.logger.fatal({ err: error, loop: name }, 'background loop crashed; /health/ready reports it down');
  }

  private stopBudgetMs(): number {
    return Math.floor(this.config.shutdownTimeoutMs / 2);
  }
}

/** Resolves when `signal` aborts (at once if it has): for loops whose work runs elsewhere until told to stop. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
