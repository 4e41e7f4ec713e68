import type { DataSource } from 'typeorm';
import { READ_MODEL_SCHEMA } from './read-model-schema';

/** Any constant works; it only has to differ from the other advisory locks taken in the same database. */
const MIGRATION_LOCK = 7_346_201_001;

/**
 * Applies pending migrations under an advisory lock, so replicas starting together migrate once. The schema
 * is created first because TypeORM keeps its migrations table inside it.
 */
export async function migrateReadModels(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await runner.query(`CREATE SCHEMA IF NOT EXISTS ${READ_MODEL_SCHEMA}`);
      await dataSource.runMigrations({ transaction: 'all' });
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
}
