import type { DataSource } from 'typeorm';
import { loadCheckpoint } from './checkpoint-store';
import type { EventLogHead } from './event-log-head';
import type { Projection } from './projection';

export interface ProjectionStatus {
  readonly name: string;
  readonly checkpoint: string | null;
  readonly position: string | null;
  readonly eventsProcessed: number;
  /** Events in the store's log the projection has not read yet. */
  readonly behind: number;
  readonly updatedAt: Date;
  readonly rebuiltAt: Date | null;
}

/** Each projection's checkpoint and how many events it trails the head of the log by. */
export async function projectionStatus(
  dataSource: DataSource,
  head: EventLogHead,
  projections: readonly Projection[],
): Promise<ProjectionStatus[]> {
  return Promise.all(
    projections.map(async (projection) => {
      const row = await loadCheckpoint(dataSource, projection.name);
      return {
        name: projection.name,
        checkpoint: row.checkpoint,
        position: row.position,
        eventsProcessed: Number(row.eventsProcessed),
        behind: await head.eventsAfter(row.checkpoint),
        updatedAt: row.updatedAt,
        rebuiltAt: row.rebuiltAt,
      };
    }),
  );
}
