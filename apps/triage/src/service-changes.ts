import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_CHANGE_LOOKBACK_MINUTES, type TriageChange, type TriageRuleSet } from '@incident/directory';
import type { IncidentOpened, IsoTimestamp } from '@incident/domain';
import { changesInWindow, EVENT_STORE, type EventStore } from '@incident/event-store';

/**
 * The changes of the incident's service in the rule set's look-back before `at` (issue 21), read from the
 * service's change stream in the store rather than kept in a projection of triage's own: the stream is one per
 * service, read backwards from its end, so the read costs the recent changes only, and it is as current as the
 * store. Only changes recorded by `recordedBy` (when the incident's event was) count, so a redelivered event is
 * decided again on the same facts.
 */
@Injectable()
export class ServiceChanges {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async before(
    alert: Pick<IncidentOpened['data'], 'customerId' | 'service'>,
    ruleSet: Pick<TriageRuleSet, 'changeLookbackMinutes'>,
    at: IsoTimestamp,
    recordedBy: IsoTimestamp,
  ): Promise<TriageChange[]> {
    const lookback = ruleSet.changeLookbackMinutes ?? DEFAULT_CHANGE_LOOKBACK_MINUTES;
    const changes = await changesInWindow(this.store, {
      customerId: alert.customerId,
      service: alert.service,
      from: new Date(Date.parse(at) - lookback * 60_000).toISOString(),
      until: at,
      recordedBy,
    });
    return changes.map(({ changeId, changeType, summary, source, occurredAt }) => ({
      changeId,
      changeType,
      summary,
      source,
      occurredAt,
    }));
  }
}
