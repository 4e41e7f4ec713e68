import type { Producer } from 'kafkajs';
import { incidentStreamId } from '@incident/domain';
import type { EventStore } from '@incident/event-store';
import { toIncidentEventMessage } from '@incident/messaging';

/**
 * What the relay does, for the incidents a suite follows: publishes every event of their streams to
 * `incident.events` in stream order, including those the service under test appends itself. Each batch is sent
 * twice, as a relay restarted before its checkpoint would: the service must not act twice.
 */
export class StreamRelay {
  private readonly published = new Set<string>();
  private readonly incidents = new Set<string>();
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly producer: Producer,
    private readonly topic: string,
  ) {}

  follow(incidentId: string): void {
    this.incidents.add(incidentId);
  }

  start(): this {
    this.running = (async () => {
      while (!this.stopped) {
        // Until the service under test has created its topics, sends fail: the relay tries again, as the real one.
        await this.publishNew().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async publishNew(): Promise<void> {
    for (const incidentId of this.incidents) {
      const events = await this.store.readStream(incidentStreamId(incidentId)).catch(() => []);
      const unseen = events.filter((event) => !this.published.has(event.id));
      if (unseen.length === 0) continue;
      const messages = unseen.map(toIncidentEventMessage);
      await this.producer.send({ topic: this.topic, acks: -1, messages: [...messages, ...messages] });
      unseen.forEach((event) => this.published.add(event.id));
    }
  }
}
