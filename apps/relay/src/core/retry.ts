import type { Logger } from 'pino';
import { pause } from '@incident/event-store';

/**
 * Runs `attempt` until it succeeds or `signal` aborts (then resolves undefined). Start-up steps use it, so a
 * relay started before PostgreSQL or Kafka is reachable waits for them instead of exiting.
 */
export async function retryUntilDone<T>(
  what: string,
  attempt: () => Promise<T>,
  options: { readonly signal: AbortSignal; readonly logger: Logger; readonly intervalMs: number },
): Promise<T | undefined> {
  for (let tries = 1; !options.signal.aborted; tries++) {
    try {
      return await attempt();
    } catch (error) {
      options.logger.warn({ err: error, tries }, `relay: ${what} failed; retrying`);
      await pause(options.intervalMs, options.signal);
    }
  }
  return undefined;
}
