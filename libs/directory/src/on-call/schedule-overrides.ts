import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type EventStore,
  type RecordedEvent,
  StreamNotFound,
  WrongExpectedRevision,
} from '@incident/event-store';
import type { OnCallOverride } from './on-call';

/**
 * Overrides made through the API (an admin covering someone's shift) are events in one stream, as directory
 * versions are: durable, with who made or removed each and when, and replayable into the overrides in force.
 * The directory's own overrides stay in the directory file.
 */
export const SCHEDULE_OVERRIDES_STREAM = 'schedule-overrides';

export interface ScheduleOverrideAdded {
  readonly type: 'ScheduleOverrideAdded';
  readonly data: {
    readonly overrideId: string;
    readonly scheduleId: string;
    readonly person: string;
    /** The layer replaced, or null for every layer of the schedule. */
    readonly layer: string | null;
    readonly from: string;
    readonly until: string;
    readonly reason: string | null;
  };
}

export interface ScheduleOverrideRemoved {
  readonly type: 'ScheduleOverrideRemoved';
  readonly data: { readonly overrideId: string; readonly scheduleId: string };
}

export type NewScheduleOverride = Omit<ScheduleOverrideAdded['data'], 'overrideId'>;

/** An override in force, as the API shows it. */
export interface MadeOverride extends OnCallOverride {
  readonly overrideId: string;
  readonly scheduleId: string;
  readonly layer: string | null;
  readonly reason: string | null;
  readonly madeBy: Actor;
  readonly madeAt: string;
}

export interface OverrideContext {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly occurredAt: string;
}

interface Overrides {
  readonly inForce: MadeOverride[];
  readonly revision: number | 'no_stream';
}

type OverrideEvent = RecordedEvent<string, ScheduleOverrideAdded['data'] | ScheduleOverrideRemoved['data']>;

export class ScheduleOverrides {
  /** The last fold, reused while the stream's head has not moved: the engine asks at every level it pages. */
  private cached: (Overrides & { readonly revision: number }) | undefined;
  /** The read under way that bySchedule({ joinReadUnderWay: true }) callers share. */
  private reading: Promise<Overrides> | undefined;

  constructor(private readonly store: EventStore) {}

  /** The overrides in force (made and not removed), in the order they were made: later ones win. */
  async list(): Promise<MadeOverride[]> {
    return (await this.read()).inForce;
  }

  /**
   * The overrides in force per schedule, for onCallResolver and withOverrides.
   *
   * `joinReadUnderWay`: share a read another caller has under way instead of starting one. Escalation's firings
   * ask so: under an alert storm dozens of levels fire at once, and each asking on its own cost a query or more per
   * page (two, before the store answered a missing stream from its one read), ~130 ms of a firing's ~500 ms on a
   * loaded machine (bench:e2e). A firing that joins sees the overrides as of a moment before it fired, as it
   * would have had it fired a moment earlier. The API's reads never join, so whoever just made an override sees it.
   */
  async bySchedule({ joinReadUnderWay = false } = {}): Promise<Map<string, MadeOverride[]>> {
    const { inForce } = await (joinReadUnderWay ? this.sharedRead() : this.read());
    const bySchedule = new Map<string, MadeOverride[]>();
    for (const made of inForce) bySchedule.set(made.scheduleId, [...(bySchedule.get(made.scheduleId) ?? []), made]);
    return bySchedule;
  }

  async add(override: NewScheduleOverride, context: OverrideContext): Promise<MadeOverride> {
    const overrideId = randomUUID();
    const event: ScheduleOverrideAdded = { type: 'ScheduleOverrideAdded', data: { overrideId, ...override } };
    // An addition conflicts with nothing, so it need not check the stream's revision.
    await this.store.append(SCHEDULE_OVERRIDES_STREAM, [withMetadata(event, context, 'AddScheduleOverride')], 'any');
    const made = (await this.list()).find((o) => o.overrideId === overrideId);
    if (made === undefined) throw new Error(`override ${overrideId} cannot be read back`);
    return made;
  }

  /** False when the schedule has no such override in force (never made, or removed already). */
  async remove(scheduleId: string, overrideId: string, context: OverrideContext): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const { inForce, revision } = await this.read();
      if (!inForce.some((o) => o.overrideId === overrideId && o.scheduleId === scheduleId)) return false;
      const event: ScheduleOverrideRemoved = { type: 'ScheduleOverrideRemoved', data: { overrideId, scheduleId } };
      try {
        await this.store.append(
          SCHEDULE_OVERRIDES_STREAM,
          [withMetadata(event, context, 'RemoveScheduleOverride')],
          revision,
        );
        return true;
      } catch (error) {
        // Another remover raced us: read again, and find it gone (false) or still there (retry).
        if (!(error instanceof WrongExpectedRevision) || attempt >= 5) throw error;
      }
    }
  }

  /** The read under way, or a new one that later callers may join until it is done. */
  private sharedRead(): Promise<Overrides> {
    this.reading ??= this.read().finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async read(): Promise<Overrides> {
    let events: OverrideEvent[];
    try {
      const [head] = await this.store.readStream(SCHEDULE_OVERRIDES_STREAM, { direction: 'backwards', maxCount: 1 });
      if (head !== undefined && head.streamRevision === this.cached?.revision) return this.cached;
      events = (await this.store.readStream(SCHEDULE_OVERRIDES_STREAM)) as OverrideEvent[];
    } catch (error) {
      if (error instanceof StreamNotFound) return { inForce: [], revision: 'no_stream' };
      throw error;
    }
    const inForce = new Map<string, MadeOverride>();
    for (const event of events) {
      if (event.type === 'ScheduleOverrideAdded') {
        const data = event.data as ScheduleOverrideAdded['data'];
        inForce.set(data.overrideId, { ...data, madeBy: event.metadata.actor, madeAt: event.metadata.recordedAt });
      } else if (event.type === 'ScheduleOverrideRemoved') {
        inForce.delete(event.data.overrideId);
      }
    }
    const last = events.at(-1);
    if (last === undefined) return { inForce: [], revision: 'no_stream' };
    this.cached = { inForce: [...inForce.values()], revision: last.streamRevision };
    return this.cached;
  }
}

const withMetadata = (
  event: ScheduleOverrideAdded | ScheduleOverrideRemoved,
  context: OverrideContext,
  command: string,
) => ({ ...event, metadata: { ...context, causationId: null, command } });
