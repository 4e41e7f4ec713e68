import { Inject, Injectable } from '@nestjs/common';
import { fold, type IncidentEvent, incidentDecider, type IncidentState, incidentStreamId } from '@incident/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent, readWholeStream } from '@incident/event-store';

export interface IncidentNow {
  readonly state: IncidentState;
  /** The history itself: the remediation's proposal (with its decision) and its failures are read from it. */
  readonly history: readonly IncidentEvent[];
  /** The same events as stored: a command's `knownHistory`, so that it does not read the stream again. */
  readonly stream: readonly RecordedEvent[];
}

/** The incident as it is now: an event in hand may be minutes old, and a timer fires long after it was set. */
@Injectable()
export class IncidentFacts {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async of(incidentId: string): Promise<IncidentNow> {
    const stream = await readWholeStream(this.store, incidentStreamId(incidentId));
    const history = stream as unknown as IncidentEvent[];
    return { state: fold(incidentDecider, history), history, stream };
  }
}
