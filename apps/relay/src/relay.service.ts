import { Inject, Injectable } from '@nestjs/common';
import {
  BackgroundLoops,
  METRICS_REGISTRY,
  PINO_LOGGER,
  PLATFORM_CONFIG,
  untilAborted,
  type PlatformConfig,
  type PlatformMetrics,
} from '@incident/platform';
import type { Logger } from 'pino';
import { AnchorerRuntime } from './anchors/anchorer-runtime';
import { RelayRuntime } from './relay-runtime';

/**
 * Nest's handle on the relay, as one of the platform's background loops: started once the app is up, without
 * waiting for the lock (a standby must still answer /health/ready), and stopped on shutdown within the loop's
 * budget (half the platform's shutdown timeout), after which the lock session and producer are closed anyway.
 */
@Injectable()
export class RelayService {
  constructor(
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
    @Inject(PINO_LOGGER) logger: Logger,
    @Inject(METRICS_REGISTRY) metrics: PlatformMetrics,
    @Inject(BackgroundLoops) loops: BackgroundLoops,
  ) {
    const runtime = new RelayRuntime(config, logger, metrics.registry);
    loops.register({
      name: 'relay',
      run: async (signal, stopWithinMs) => {
        runtime.start();
        await untilAborted(signal);
        await runtime.stop(stopWithinMs);
      },
    });
    // The anchorer runs here because it is, like the relay, one active instance carrying what the store holds to
    // Kafka; it has its own lock, store connection and Kafka client, so neither holds the other up.
    const anchorer = new AnchorerRuntime(config, logger, metrics.registry);
    loops.register({
      name: 'anchorer',
      run: async (signal, stopWithinMs) => {
        anchorer.start();
        await untilAborted(signal);
        await anchorer.stop(stopWithinMs);
      },
    });
  }
}
