import type { RecordedEvent } from '@incident/event-store';
import type { DataSource } from 'typeorm';
import { advanceCheckpoint, CheckpointMoved } from './checkpoint-store';
import { toProjectedEvent, type ProjectedEvent } from './projected-event';
import type { Projection, ProjectionContext } from './projection';

/** A page of the log read once and turned into domain events once, for every projection that applies it. */
export interface ProjectedPage {
  readonly length: number;
  readonly last: RecordedEvent | undefined;
  readonly events: readonly ProjectedEvent[];
  /** The page as read, for projections of other streams (Projection.recorded). */
  readonly recorded: readonly RecordedEvent[];
}

export function projectPage(page: readonly RecordedEvent[]): ProjectedPage {
  const events: ProjectedEvent[] = [];
  for (const recorded of page) {
    const projected = toProjectedEvent(recorded);
    if (projected) events.push(projected);
  }
  return { length: page.length, last: page.at(-1), events, recorded: page };
}

/**
 * Applies one page of the log to one projection in one transaction that first moves its checkpoint from `from`
 * to the page's last event: rows and checkpoint commit together or not at all, so a crash at any instant
 * leaves them consistent and each event has its effect exactly once. Returns false, having changed nothing,
 * when the checkpoint was not at `from` any more (another replica or a rebuild got there first).
 */
export async function applyPage(
  dataSource: DataSource,
  projection: Projection,
  from: string | null,
  page: ProjectedPage,
  context: ProjectionContext,
): Promise<boolean> {
  const { last } = page;
  if (!last) return true;
  const handled = page.events.filter((projected) => projection.handles.has(projected.event.type));
  const others = projection.recorded;
  const accepted = others ? page.recorded.filter((event) => others.accepts(event)) : [];
  try {
    await dataSource.transaction(async (manager) => {
      await advanceCheckpoint(manager, projection.name, from, {
        checkpoint: last.checkpoint,
        position: last.globalPosition.toString(),
        events: page.length,
      });
      if (handled.length > 0) await projection.apply(manager, handled, context);
      if (others && accepted.length > 0) await others.apply(manager, accepted);
    });
    return true;
  } catch (error) {
    if (error instanceof CheckpointMoved) return false;
    throw error;
  }
}
