import { Inject, Injectable } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import type { Logger } from 'pino';
import { ensureTopics, TOPICS, topicSpecs } from '@incident/messaging';
import { pause } from '@incident/event-store';
import { BackgroundLoops, PINO_LOGGER, PLATFORM_CONFIG, untilAborted, type PlatformConfig } from '@incident/platform';
import { IntakeGateway } from '../ingest/intake-gateway';
import { AlertsInboundConsumer } from './alerts-inbound.consumer';

/** Between attempts to create the topics and join the consumer group while the broker is unreachable. */
const START_RETRY_MS = 2_000;

/**
 * Runs the `alerts.inbound` consumer for the app's lifetime, as one of the platform's background loops. It
 * starts in the background: HTTP intake must not wait for a consumer group to form, and a broker outage at
 * start-up only delays Kafka intake (the start is retried until it succeeds or the app stops).
 */
@Injectable()
export class AlertsInboundRunner {
  private readonly consumer: AlertsInboundConsumer;
  private readonly kafka: Kafka;
  private stopped!: () => void;
  private readonly ended = new Promise<void>((resolve) => (this.stopped = resolve));

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(IntakeGateway) gateway: IntakeGateway,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    @Inject(BackgroundLoops) loops: BackgroundLoops,
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
    loops.register({ name: 'alerts.inbound consumer', run: (signal) => this.run(signal) });
  }

  private async run(signal: AbortSignal): Promise<void> {
    for (let attempt = 1; !signal.aborted; attempt++) {
      try {
        await this.start();
        break;
      } catch (error) {
        this.logger.warn({ err: error, attempt }, 'alerts.inbound consumer failed to start; retrying');
        await pause(START_RETRY_MS, signal);
      }
    }
    try {
      await untilAborted(signal);
    } finally {
      await this.consumer.stop();
      this.stopped();
    }
  }

  /**
   * Settles once the consumer has joined its group, or has stopped without joining. A test app that starts and
   * closes intake within seconds waits for it before closing: a close during the join leaves kafkajs to leave the
   * group after the app has gone (and after Jest has torn the test's environment down).
   */
  whenJoined(): Promise<void> {
    return Promise.race([this.consumer.joined, this.ended]);
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
