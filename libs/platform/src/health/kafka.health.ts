import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { type Admin, Kafka, logLevel } from 'kafkajs';
import type { PlatformConfig } from '../config/load-config';
import { PLATFORM_CONFIG } from '../platform-config.token';

/** Readiness of Kafka: the cluster's metadata can be fetched within the health-check timeout. */
@Injectable()
export class KafkaHealthIndicator implements OnApplicationShutdown {
  private readonly admin: Admin;
  private connected: Promise<void> | undefined;

  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    const kafka = new Kafka({
      clientId: `${config.service}-health`,
      brokers: config.kafkaBrokers,
      connectionTimeout: config.healthCheckTimeoutMs,
      requestTimeout: config.healthCheckTimeoutMs,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    });
    this.admin = kafka.admin();
  }

  check() {
    return this.health
      .check('kafka')
      .attempt(async () => {
        this.connected ??= this.admin.connect().catch((error: unknown) => {
          this.connected = undefined;
          throw error;
        });
        await this.connected;
        const cluster = await this.admin.describeCluster();
        return { brokers: cluster.brokers.length };
      })
      .withTimeout(this.config.healthCheckTimeoutMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connected) await this.admin.disconnect();
  }
}
