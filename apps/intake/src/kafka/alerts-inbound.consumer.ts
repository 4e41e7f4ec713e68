import { HttpException } from '@nestjs/common';
import type { Consumer, EachMessagePayload, Kafka, Producer } from 'kafkajs';
import { INBOUND_FORMATS, INBOUND_HEADERS, isInboundFormat } from '@incident/contracts';
import { buildDeadLetterMessage, describeError, headerText, type DeadLetterReason } from '@incident/messaging';
import type { IntakeGateway } from '../ingest/intake-gateway';
import { InvalidEvent } from '../http/validate-body';
import { parseInbound } from './inbound-formats';

export interface AlertsInboundOptions {
  readonly kafka: Kafka;
  readonly topic: string;
  readonly dlqTopic: string;
  readonly groupId: string;
  readonly gateway: IntakeGateway;
}

/** A record the intake refuses for what it is, not for a passing failure: it goes to the DLQ at once. */
class RefusedRecord extends Error {
  override readonly name = 'RefusedRecord';
}

/**
 * Consumes `alerts.inbound`: the HTTP formats, named by a `format` header, keyed by an `integration-key` header
 * (or PagerDuty's routing_key). Invalid records go to the DLQ with the reason; the offset moves on only after
 * the alert's events are durable or its dead letter is acknowledged. Anything else (the store unreachable)
 * throws, and kafkajs retries the record.
 */
export class AlertsInboundConsumer {
  private readonly consumer: Consumer;
  private readonly producer: Producer;

  /** Settles once this consumer has first joined its group (kafkajs joins in the background after `run`). */
  readonly joined: Promise<void>;

  constructor(private readonly options: AlertsInboundOptions) {
    this.consumer = options.kafka.consumer({ groupId: options.groupId });
    this.producer = options.kafka.producer();
    this.joined = new Promise((resolve) => {
      const stopListening = this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
        stopListening();
        resolve();
      });
    });
  }

  async start(): Promise<void> {
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.options.topic, fromBeginning: true });
    await this.consumer.run({ partitionsConsumedConcurrently: 3, eachMessage: (payload) => this.handle(payload) });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }

  private async handle({ topic, partition, message }: EachMessagePayload): Promise<void> {
    try {
      const format = headerText(message.headers, INBOUND_HEADERS.format);
      if (!isInboundFormat(format)) {
        throw new RefusedRecord(`header "format" must be one of ${INBOUND_FORMATS.join(', ')}`);
      }
      let body: unknown;
      try {
        body = JSON.parse(message.value?.toString('utf8') ?? '');
      } catch {
        throw new RefusedRecord('the value is not valid JSON');
      }
      const parsed = await parseInbound(format, body, `${topic}:${partition}:${message.offset}`);
      const key = headerText(message.headers, INBOUND_HEADERS.integrationKey) ?? parsed.bodyKey;
      const integration = await this.options.gateway.authenticate(key);
      await this.options.gateway.route(parsed.signals(integration));
    } catch (error) {
      const reason = refusal(error);
      if (reason === null) throw error;
      await this.producer.send({
        topic: this.options.dlqTopic,
        acks: -1,
        messages: [
          buildDeadLetterMessage(
            { topic, partition, message },
            {
              reason,
              error: new RefusedRecord(reasonText(error)),
              attempts: 1,
              consumerGroup: this.options.groupId,
              failedAt: new Date(),
            },
          ),
        ],
      });
    }
  }
}

function refusal(error: unknown): DeadLetterReason | null {
  if (error instanceof RefusedRecord || error instanceof InvalidEvent) return 'invalid-message';
  if (error instanceof HttpException) return 'permanent-error';
  return null;
}

/** What the DLQ's error header says: the 4xx body's message and the fields it names. */
function reasonText(error: unknown): string {
  if (!(error instanceof HttpException)) return describeError(error);
  const body = error.getResponse() as { message?: string; errors?: string[] };
  return [body.message, ...(body.errors ?? [])].filter(Boolean).join('; ');
}
