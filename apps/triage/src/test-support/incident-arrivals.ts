import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { type IncidentOpened, incidentStreamId } from '@incident/domain';
import type { EventStore, NewEvent } from '@incident/event-store';
import { toIncidentEventMessage } from '@incident/messaging';

/** An IncidentOpened as intake records it, for suites that write history straight into the store. */
export function incidentOpenedEvent(
  incidentId: string,
  facts: Partial<IncidentOpened['data']> = {},
  actorId = 'alertmanager',
): NewEvent<'IncidentOpened', IncidentOpened['data']> {
  const openedAt = facts.openedAt ?? new Date().toISOString();
  return {
    type: 'IncidentOpened',
    data: {
      incidentId,
      dedupKey: `checkout-api/${incidentId}`,
      source: 'alertmanager',
      customerId: 'acme',
      service: 'checkout-api',
      title: 'Checkout API is down',
      category: 'availability.downtime',
      severity: 'high',
      labels: {},
      drill: false,
      alertId: null,
      openedAt,
      ...facts,
    },
    metadata: { occurredAt: openedAt, actor: { kind: 'integration', id: actorId }, correlationId: randomUUID() },
  };
}

/**
 * Alerts arriving as the relay would deliver them: each opens an incident in the store, then its IncidentOpened
 * is published to incident.events, keyed by stream. Runs in the background until `count` have arrived.
 */
export class IncidentArrivals {
  readonly incidentIds: string[] = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: Pick<EventStore, 'append' | 'readStream'>,
    private readonly producer: Producer,
    private readonly topic: string,
  ) {}

  start(count: number, batchSize: number): void {
    this.running = (async () => {
      while (this.incidentIds.length < count) {
        const ids = Array.from({ length: Math.min(batchSize, count - this.incidentIds.length) }, () => randomUUID());
        await Promise.all(
          ids.map((id) => this.store.append(incidentStreamId(id), [incidentOpenedEvent(id)], 'no_stream')),
        );
        const recorded = await Promise.all(ids.map((id) => this.store.readStream(incidentStreamId(id))));
        await this.producer.send({
          topic: this.topic,
          acks: -1,
          messages: recorded.flat().map(toIncidentEventMessage),
        });
        this.incidentIds.push(...ids);
      }
    })();
  }

  /** Resolves once every alert has arrived; rejects with the first failure. */
  async finished(): Promise<void> {
    await this.running;
  }
}
