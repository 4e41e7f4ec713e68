import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';

/** Rows per statement: a few hundred kilobytes of JSON, well inside what one round trip handles comfortably. */
const CHUNK = 2_000;

function columnsOf(manager: EntityManager, entity: EntityTarget<ObjectLiteral>) {
  const metadata = manager.connection.getMetadata(entity);
  // Generated columns (insert: false) are PostgreSQL's to compute.
  const columns = metadata.columns.filter((column) => column.isInsert);
  const table = `"${metadata.schema}"."${metadata.tableName}"`;
  return { metadata, columns, table };
}

/** The rows as one JSON array keyed by column name: TypeORM's entity mapping, PostgreSQL's fast set insert. */
function asJson(columns: readonly ColumnMetadata[], rows: readonly ObjectLiteral[]): string {
  return JSON.stringify(
    rows.map((row) =>
      Object.fromEntries(
        columns.map((column) => {
          const value: unknown = column.getEntityValue(row);
          return [column.databaseName, value instanceof Date ? value.toISOString() : (value ?? null)];
        }),
      ),
    ),
  );
}

async function write(
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  rows: readonly ObjectLiteral[],
  upsert: boolean,
): Promise<void> {
  const { metadata, columns, table } = columnsOf(manager, entity);
  const names = columns.map((column) => `"${column.databaseName}"`).join(', ');
  const shape = columns.map((column) => `"${column.databaseName}" ${String(column.type)}`).join(', ');
  const keys = metadata.primaryColumns.map((column) => `"${column.databaseName}"`).join(', ');
  const updates = columns
    .filter((column) => !column.isPrimary && column.isUpdate)
    .map((column) => `"${column.databaseName}" = EXCLUDED."${column.databaseName}"`)
    .join(', ');
  // Identifiers come from the entity metadata, never from data; every value travels in the one bound parameter.
  const sql =
    `INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS r(${shape})` +
    (upsert ? ` ON CONFLICT (${keys}) DO UPDATE SET ${updates}` : '');
  for (let start = 0; start < rows.length; start += CHUNK) {
    await manager.query(sql, [asJson(columns, rows.slice(start, start + CHUNK))]);
  }
}

/**
 * Writes rows as INSERT … ON CONFLICT (primary key) DO UPDATE, one statement per chunk: a batch of events
 * becomes a few statements instead of one per row. Columns, types and names come from the TypeORM entity.
 */
export async function upsertRows<Row extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<Row>,
  rows: readonly Row[],
): Promise<void> {
  if (rows.length > 0) await write(manager, entity, rows, true);
}

/** Plain INSERT for append-only rows: a duplicate would mean an event applied twice, and must fail loudly. */
export async function insertRows<Row extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<Row>,
  rows: readonly Row[],
): Promise<void> {
  if (rows.length > 0) await write(manager, entity, rows, false);
}
