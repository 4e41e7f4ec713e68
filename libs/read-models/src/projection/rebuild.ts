import type { EventStore } from '@incident/event-store';
import type { DataSource } from 'typeorm';
import { qualified } from '../schema/read-model-schema';
import { loadCheckpoint, lockCheckpoint } from './checkpoint-store';
import type { EventLogHead } from './event-log-head';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';

/**
 * Empties the projection's tables and forgets its checkpoint, in one transaction that first locks the checkpoint
 * row: a runner mid-batch either commits before (and its rows are truncated) or finds the checkpoint moved and
 * throws its batch away. Either way the next batch starts from position zero.
 */
export async function resetProjection(dataSource: DataSource, projection: Projection): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await lockCheckpoint(manager, projection.name);
    await manager.query(`TRUNCATE ${projection.tables.map(qualified).join(', ')}`);
    await manager.query(
      `UPDATE ${qualified('projection_checkpoint')}
       SET checkpoint = NULL, position = NULL, events_processed = 0, updated_at = now(), rebuilt_at = now()
       WHERE name = $1`,
      [projection.name],
    );
  });
}

export interface RebuildProgress {
  readonly projection: string;
  /** Events read since the reset. */
  readonly processed: number;
  /** Events in the log when the rebuild started, raised if more arrive meanwhile. */
  readonly total: number;
}

export interface RebuildOptions {
  readonly head: EventLogHead;
  readonly batchSize?: number;
  readonly onProgress?: (progress: RebuildProgress) => void;
}

/**
 * Resets the projections, then replays the whole log into them, side by side and sharing each page read, until
 * each has caught up. Runners elsewhere (a running query service) may keep going meanwhile: the checkpoint
 * compare makes every batch count once whoever applies it.
 */
export async function rebuildProjections(
  dataSource: DataSource,
  store: Pick<EventStore, 'readAll' | 'readStream'>,
  projections: readonly Projection[],
  options: RebuildOptions,
): Promise<void> {
  for (const projection of projections) await resetProjection(dataSource, projection);
  let total = await options.head.eventsAfter(null);
  const processed = new Map(projections.map((projection) => [projection.name, 0]));
  const report = (projection: string) =>
    options.onProgress?.({ projection, processed: processed.get(projection) ?? 0, total });
  for (const projection of projections) report(projection.name);
  const runner = new ProjectionRunner(dataSource, store, projections, { batchSize: options.batchSize ?? 500 });
  await runner.catchUp((projection, events) => {
    processed.set(projection, (processed.get(projection) ?? 0) + events);
    total = Math.max(total, ...processed.values());
    report(projection);
  });
  // Another runner may have applied some batches; the checkpoint rows count them all.
  for (const projection of projections) {
    processed.set(projection.name, Number((await loadCheckpoint(dataSource, projection.name)).eventsProcessed));
    total = Math.max(total, processed.get(projection.name) ?? 0);
  }
  for (const projection of projections) report(projection.name);
}
