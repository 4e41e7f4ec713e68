import { Inject, Injectable } from '@nestjs/common';
import type { IncidentOpened, IsoTimestamp } from '@incident/domain';
import { changesInWindow, EVENT_STORE, type EventStore } from '@incident/event-store';
import { REVIEW_CHANGE_WINDOW_MINUTES, type ReviewChange } from './change-lines';

/**
 * The incident's service's changes in the hour before detection, from the service's change stream, as recorded
 * by `recordedBy`: the time of the last event of the history being rendered. A review rendered again from the
 * same history (the published one, to check its hash) then lists the same changes, however many arrive later.
 */
@Injectable()
export class ReviewChanges {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  before(
    opened: Pick<IncidentOpened['data'], 'customerId' | 'service' | 'openedAt'>,
    recordedBy: IsoTimestamp,
  ): Promise<ReviewChange[]> {
    const until = Date.parse(opened.openedAt);
    return changesInWindow(this.store, {
      customerId: opened.customerId,
      service: opened.service,
      from: new Date(until - REVIEW_CHANGE_WINDOW_MINUTES * 60_000).toISOString(),
      until: opened.openedAt,
      recordedBy,
    });
  }
}
