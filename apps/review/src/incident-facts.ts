import { Inject, Injectable } from '@nestjs/common';
import { fold, type IncidentEvent, incidentDecider, type IncidentState, incidentStreamId } from '@incident/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent, readWholeStream } from '@incident/event-store';

/** The incident now, with the history it was folded from. */
export interface IncidentNow {
  readonly state: IncidentState;
  readonly history: readonly RecordedEvent[];
  /** The stream revision read: what a review editor names when it edits (optimistic concurrency). */
  readonly revision: number | null;
}

/**
 * The incident as it is now (as triage's): an IncidentResolved in hand may be minutes old, and a person may have
 * started, waived or closed the review since.
 */
@Injectable()
export class IncidentFacts {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async now(incidentId: string): Promise<IncidentNow> {
    const history = await readWholeStream(this.store, incidentStreamId(incidentId));
    return {
      state: fold(incidentDecider, history as unknown as IncidentEvent[]),
      history,
      revision: history.at(-1)?.streamRevision ?? null,
    };
  }
}
