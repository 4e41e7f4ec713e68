import { In, type DataSource, type EntityManager } from 'typeorm';
import { qualified } from '../schema/read-model-schema';
import { ProjectionCheckpoint } from './projection-checkpoint.entity';

/** Another writer moved the checkpoint first: a second replica, or a rebuild. Re-read it and carry on from there. */
export class CheckpointMoved extends Error {
  constructor(readonly projection: string) {
    super(`the checkpoint of ${projection} moved under this runner`);
    this.name = 'CheckpointMoved';
  }
}

/** Where the projection stands; creates its checkpoint row the first time. */
export async function loadCheckpoint(dataSource: DataSource, name: string): Promise<ProjectionCheckpoint> {
  const repository = dataSource.getRepository(ProjectionCheckpoint);
  const found = await repository.findOneBy({ name });
  if (found) return found;
  await dataSource.query(
    `INSERT INTO ${qualified('projection_checkpoint')} (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`,
    [name],
  );
  return repository.findOneByOrFail({ name });
}

/** Where each of the named projections stands, creating missing checkpoint rows; one query when none is missing. */
export async function loadCheckpoints(
  dataSource: DataSource,
  names: readonly string[],
): Promise<Map<string, string | null>> {
  const repository = dataSource.getRepository(ProjectionCheckpoint);
  let rows = await repository.findBy({ name: In([...names]) });
  if (rows.length < names.length) {
    await dataSource.query(
      `INSERT INTO ${qualified('projection_checkpoint')} (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING`,
      [names],
    );
    rows = await repository.findBy({ name: In([...names]) });
  }
  return new Map(rows.map((row) => [row.name, row.checkpoint]));
}

/**
 * Moves the checkpoint from `from` to `to`, first thing in the batch's transaction. The row lock it takes
 * serialises every writer of this projection (replicas, rebuilds), and the compare makes the loser roll back
 * its whole batch instead of applying events a second time.
 */
export async function advanceCheckpoint(
  manager: EntityManager,
  name: string,
  from: string | null,
  to: { checkpoint: string; position: string; events: number },
): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(ProjectionCheckpoint)
    .set({
      checkpoint: to.checkpoint,
      position: to.position,
      eventsProcessed: () => `events_processed + ${Math.trunc(to.events)}`,
      updatedAt: () => 'now()',
    })
    .where('name = :name AND checkpoint IS NOT DISTINCT FROM :from', { name, from })
    .execute();
  if (result.affected !== 1) throw new CheckpointMoved(name);
}

/** Locks the projection's checkpoint row for the rest of the transaction (see advanceCheckpoint). */
export async function lockCheckpoint(manager: EntityManager, name: string): Promise<void> {
  await manager.query(
    `INSERT INTO ${qualified('projection_checkpoint')} (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`,
    [name],
  );
  await manager.query(`SELECT 1 FROM ${qualified('projection_checkpoint')} WHERE name = $1 FOR UPDATE`, [name]);
}
