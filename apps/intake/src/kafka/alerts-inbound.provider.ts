import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import type { Logger } from 'pino';
import { ensureTopics, TOPICS, topicSpecs } from '@incident/messaging';
import { PINO_LOGGER, PLATFORM_CONFIG, type PlatformConfig } from '@incident/platform';
import { IntakeGateway } from '../ingest/intake-gateway';
import { AlertsInboundConsumer } from './alerts-inbound.consumer';

/**
 * Runs the `alerts.inbound` consumer for the app's lifetime. It starts in the background: HTTP intake must not
 * wait for a consumer group to form, and a broker outage at start-up only delays Kafka intake.
 */
@Injectable()
export class AlertsInboundRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: AlertsInboundConsumer;
  private readonly kafka: Kafka;
  private started: Promise<void> | undefined;

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(IntakeGateway) gateway: IntakeGateway,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {
    this.kafka = new Kafka({ clientId: 'intake', brokers: config.kafkaBrokers, logLevel: logLevel.NOTHING });
    const prefix = config.kafkaTopicPrefix;
    this.consumer = new AlertsInboundConsumer({
      kafka: this.kafka,
      topic: `${prefix}${TOPICS.alertsInbound}`,
      dlqTopic: `${prefix}${TOPICS.deadLetters}`,
      groupId: `${prefix}intake`,
      gateway,
    });
  }

  onApplicationBootstrap(): void {
    this.started = this.start().catch((error: unknown) =>
      this.logger.error({ err: error }, 'alerts.inbound consumer failed to start'),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.started;
    await this.consumer.stop();
  }

  private async start(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const partitions = {
        incidentEvents: this.config.kafkaPartitionsIncidentEvents,
        alertsInbound: this.config.kafkaPartitionsAlertsInbound,
        deadLetters: this.config.kafkaPartitionsDeadLetters,
      };
      await ensureTopics(admin, topicSpecs(partitions, this.config.kafkaTopicPrefix));
    } finally {
      await admin.disconnect();
    }
    await this.consumer.start();
  }
}
