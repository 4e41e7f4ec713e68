import { incidentDecider, incidentIdOfStream } from '@incident/domain';
import { handleCommand } from '../command-handler';
import type { AppendResult, ExpectedRevision, NewEvent, RecordedEvent } from '../envelope';
import type { EventStore, ReadAllOptions, ReadStreamOptions, SubscribeOptions } from '../event-store.port';

/**
 * A real store in which another writer gets in between every read and append of the first `rivalAppends`
 * appends: it correlates one more alert to the incident first, so the append that follows finds the stream
 * moved on, exactly as under contention between replicas, but every time and in a known order.
 */
export class ContendedStore implements EventStore {
  private rivals = 0;

  constructor(
    private readonly inner: EventStore,
    private readonly rivalAppends = Number.POSITIVE_INFINITY,
  ) {}

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const incidentId = incidentIdOfStream(streamId);
    if (incidentId !== null && this.rivals < this.rivalAppends) {
      this.rivals += 1;
      const receivedAt = events[0]?.metadata.occurredAt ?? '2026-11-22T04:00:00.000Z';
      const alertId = `rival-${this.rivals}`;
      await handleCommand(
        this.inner,
        incidentDecider,
        streamId,
        { type: 'CorrelateAlert', data: { incidentId, alertId, receivedAt } },
        { occurredAt: receivedAt, actor: { kind: 'system', id: 'rival' }, correlationId: 'rival' },
      );
    }
    return this.inner.append(streamId, events, expected);
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId, options);
  }

  readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }

  subscribe(options: SubscribeOptions) {
    return this.inner.subscribe(options);
  }

  head() {
    return this.inner.head();
  }

  wakeUp() {
    return this.inner.wakeUp();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
