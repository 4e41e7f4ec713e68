import { Inject, Injectable } from '@nestjs/common';
import { fold, type IncidentEvent, incidentDecider, type IncidentState, incidentStreamId } from '@incident/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent, readWholeStream } from '@incident/event-store';

/** The incident now, with the history it was folded from (a command's `knownHistory`). */
export interface IncidentNow {
  readonly state: IncidentState;
  readonly history: readonly RecordedEvent[];
}

/**
 * The incident as it is now, for rules that must not act on stale facts: an event in hand may be minutes old
 * (consumer lag, a replica catching up on history), and a timer fires long after it was set.
 */
@Injectable()
export class IncidentFacts {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async of(incidentId: string): Promise<IncidentState> {
    return (await this.now(incidentId)).state;
  }

  async now(incidentId: string): Promise<IncidentNow> {
    const history = await readWholeStream(this.store, incidentStreamId(incidentId));
    return { state: fold(incidentDecider, history as unknown as IncidentEvent[]), history };
  }
}
