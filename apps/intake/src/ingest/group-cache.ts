import {
  type EventStore,
  readWholeStream,
  RecentlyUsed,
  type RecordedEvent,
  StreamNotFound,
} from '@incident/event-store';
import type { IncidentEvent } from '@incident/domain';
import { emptyView, evolveView, type IncidentView } from './incident-view';
import { incidentStreamId } from '@incident/domain';

/** What was last known of an alert group: its binding, its incident's view, and the revisions they were read at. */
export interface GroupState {
  readonly groupRevision: number | null;
  readonly incidentId: string | null;
  readonly incidentRevision: number | null;
  readonly view: IncidentView;
}

const MAX_ENTRIES = 10_000;

const UNSEEN: GroupState = { groupRevision: null, incidentId: null, incidentRevision: null, view: emptyView() };

async function readAfter(store: EventStore, streamId: string, revision: number | null): Promise<RecordedEvent[]> {
  if (revision === null) return readWholeStream(store, streamId);
  try {
    return await store.readStream(streamId, { fromRevision: revision + 1 });
  } catch (error) {
    if (error instanceof StreamNotFound) return [];
    throw error;
  }
}

/**
 * Keeps each group's last known state so that an alert reads only the events appended since, not the whole
 * incident: a storm's incident grows by thousands of events, and replaying it per alert would make each alert
 * slower than the last. Every append carries the expected revision the state was read at, so another
 * replica's writes are never missed: a conflict sends the caller back to read().
 */
export class GroupCache {
  // Least recently used out first (approximately: RecentlyUsed), one at a time: under a stream of new groups,
  // clearing everything would send the storm's few hot groups back to the store for two reads each, every 10,000
  // alerts.
  private readonly entries = new RecentlyUsed<GroupState>(MAX_ENTRIES);

  constructor(private readonly store: EventStore) {}

  /**
   * `trusted`: the last state this process saw, with no read at all. The caller may decide on it only if what
   * it decides is appended with the expected revisions (a conflict proves it stale); a decision to do nothing
   * proves nothing, and must be made again on a caught-up state.
   */
  cached(groupStream: string): GroupState {
    // A group this process never saw is taken to be new: binding it appends with `no_stream`, which fails if
    // another process (or this one before a restart) bound it already. All-new alerts skip two reads this way.
    return this.entries.get(groupStream) ?? UNSEEN;
  }

  /** Catches up to the end of the group's stream and of its incident's. */
  async read(groupStream: string): Promise<GroupState> {
    const cached = this.entries.get(groupStream);
    const groupTail = await readAfter(this.store, groupStream, cached?.groupRevision ?? null);
    const lastBinding = groupTail.at(-1);
    const groupRevision = lastBinding?.streamRevision ?? cached?.groupRevision ?? null;
    const incidentId = lastBinding
      ? (lastBinding.data as { incidentId: string }).incidentId
      : (cached?.incidentId ?? null);
    if (incidentId === null) return { groupRevision, incidentId, incidentRevision: null, view: emptyView() };
    const known = cached?.incidentId === incidentId ? cached : undefined;
    const tail = await readAfter(this.store, incidentStreamId(incidentId), known?.incidentRevision ?? null);
    const view = tail.reduce(
      (current, event) => evolveView(current, event as unknown as IncidentEvent),
      known?.view ?? emptyView(),
    );
    const incidentRevision = tail.at(-1)?.streamRevision ?? known?.incidentRevision ?? null;
    return this.remember(groupStream, { groupRevision, incidentId, incidentRevision, view });
  }

  remember(groupStream: string, state: GroupState): GroupState {
    this.entries.set(groupStream, state);
    return state;
  }
}
