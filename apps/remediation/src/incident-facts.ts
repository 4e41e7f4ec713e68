import { Inject, Injectable } from '@nestjs/common';
import { fold, type IncidentEvent, incidentDecider, type IncidentState, incidentStreamId } from '@incident/domain';
import { EVENT_STORE, type EventStore, readWholeStream } from '@incident/event-store';

export interface IncidentNow {
  readonly state: IncidentState;
  /** The history itself: the remediation's proposal (with its decision) and its failures are read from it. */
  readonly history: readonly IncidentEvent[];
}

/** The incident as it is now: an event in hand may be minutes old, and a timer fires long after it was set. */
@Injectable()
export class IncidentFacts {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async of(incidentId: string): Promise<IncidentNow> {
    const history = (await readWholeStream(this.store, incidentStreamId(incidentId))) as unknown as IncidentEvent[];
    return { state: fold(incidentDecider, history), history };
  }
}
