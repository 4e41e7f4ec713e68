import type { DataSource } from 'typeorm';
import { qualified } from '../schema/read-model-schema';
import type { Projection } from './projection';

/**
 * Every row of the projections' tables as canonical JSON text, sorted: two snapshots are equal exactly when the
 * tables hold the same rows. What the crash and rebuild tests compare, and an operator's consistency check.
 */
export async function snapshotTables(
  dataSource: DataSource,
  projections: readonly Projection[],
): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const table of projections.flatMap((projection) => projection.tables)) {
    const rows: { row: string }[] = await dataSource.query(
      `SELECT to_jsonb(t)::text AS row FROM ${qualified(table)} t ORDER BY 1`,
    );
    snapshot[table] = rows.map(({ row }) => row);
  }
  return snapshot;
}
