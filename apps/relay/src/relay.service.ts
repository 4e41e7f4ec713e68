import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  METRICS_REGISTRY,
  PINO_LOGGER,
  PLATFORM_CONFIG,
  type PlatformConfig,
  type PlatformMetrics,
} from '@incident/platform';
import type { Logger } from 'pino';
import { RelayRuntime } from './relay-runtime';

/**
 * Nest's handle on the relay: starts it once the app is up, without waiting for the lock (a standby must still
 * answer /health/ready), and stops it on shutdown within half the platform's shutdown timeout, leaving the
 * other half for the HTTP server and the health checks' connections.
 */
@Injectable()
export class RelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly runtime: RelayRuntime;

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(PINO_LOGGER) logger: Logger,
    @Inject(METRICS_REGISTRY) metrics: PlatformMetrics,
  ) {
    this.runtime = new RelayRuntime(config, logger, metrics.registry);
  }

  onApplicationBootstrap(): void {
    this.runtime.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.stop(Math.floor(this.config.shutdownTimeoutMs / 2));
  }
}
