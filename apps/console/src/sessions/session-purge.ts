import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { type BackgroundLoop, BackgroundLoops, PINO_LOGGER, untilAborted } from '@incident/platform';
import { SessionStore } from './session-store';

const EVERY_MS = 60 * 60_000;

/** Hourly, forgets expired sessions and spent links that can decide nothing any more; any replica may do it. */
@Injectable()
export class SessionPurge implements BackgroundLoop {
  readonly name = 'session-purge';

  constructor(
    @Inject(SessionStore) private readonly store: SessionStore,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    @Inject(BackgroundLoops) loops: BackgroundLoops,
  ) {
    loops.register(this);
  }

  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const purged = await this.store.purgeExpired(new Date());
        if (purged > 0) this.logger.info({ purged }, 'expired console sessions and sign-in links purged');
      } catch (error) {
        this.logger.warn({ err: error }, 'could not purge expired console sessions');
      }
      await Promise.race([new Promise((done) => setTimeout(done, EVERY_MS).unref()), untilAborted(signal)]);
    }
  }
}
