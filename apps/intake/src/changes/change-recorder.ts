import { type ChangeRecorded, CHANGE_RECORDED, changeStreamId } from '@incident/domain';
import type { EventStore } from '@incident/event-store';

/**
 * Appends each change to its service's stream. A change is a fact nothing can refuse, so it is appended at any
 * revision: two deploys reported at once both land, in whichever order the store takes them. A publisher that
 * retries after a lost 202 records the change twice (PagerDuty's change events carry no key to recognise it by);
 * readers show both, which is what they would see in PagerDuty too.
 */
export class ChangeRecorder {
  constructor(private readonly store: Pick<EventStore, 'append'>) {}

  async record(change: ChangeRecorded['data'], correlationId: string): Promise<void> {
    await this.store.append(
      changeStreamId(change.customerId, change.service),
      [
        {
          type: CHANGE_RECORDED,
          data: change,
          metadata: {
            occurredAt: change.occurredAt,
            actor: { kind: 'integration', id: change.integrationId },
            correlationId,
          },
        },
      ],
      'any',
    );
  }
}
