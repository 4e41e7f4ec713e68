import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { incidentStreamId, replayIncident, type IncidentEvent, type IncidentState } from '@incident/domain';
import {
  EVENT_STORE,
  StreamNotFound,
  eventsAsOf,
  type AsOf,
  type HashChainedEventStore,
  type RecordedEvent,
  type VerificationResult,
} from '@incident/event-store';

export interface StateAsOf {
  readonly incidentId: string;
  /** Revision of the last event applied; -1 when no event is that old. */
  readonly revision: number;
  readonly eventsApplied: number;
  readonly state: IncidentState;
}

/**
 * Everything an auditor asks of one incident, answered from the event store itself, never from the read
 * models: the history as stored, the state rebuilt up to a point, and the hash chain's verdict.
 */
@Injectable()
export class IncidentHistoryService {
  constructor(@Inject(EVENT_STORE) private readonly store: HashChainedEventStore) {}

  /** The events exactly as stored (no upcasting), so what is shown is what the hashes cover. */
  async history(incidentId: string): Promise<RecordedEvent[]> {
    return this.orNotFound(incidentId, () => this.store.adapter.readStream(incidentStreamId(incidentId)));
  }

  /** The state after the events recorded up to `asOf` (recordedAt ≤ at, or revision ≤ n), upcast as services see them. */
  async stateAsOf(incidentId: string, asOf: AsOf): Promise<StateAsOf> {
    const events = await this.orNotFound(incidentId, () => this.store.readStream(incidentStreamId(incidentId)));
    const applied = eventsAsOf(events, asOf);
    return {
      incidentId,
      revision: applied.at(-1)?.streamRevision ?? -1,
      eventsApplied: applied.length,
      state: replayIncident(applied as unknown as IncidentEvent[]),
    };
  }

  async verify(incidentId: string): Promise<VerificationResult & { incidentId: string }> {
    const result = await this.orNotFound(incidentId, async () => {
      await this.store.adapter.readStream(incidentStreamId(incidentId), { maxCount: 1 });
      return this.store.verifyStream(incidentStreamId(incidentId));
    });
    return { incidentId, ...result };
  }

  private async orNotFound<T>(incidentId: string, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof StreamNotFound) throw new NotFoundException(`incident ${incidentId} has no history`);
      throw error;
    }
  }
}
