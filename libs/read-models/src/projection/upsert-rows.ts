import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata.js';

/** Rows per statement: a megabyte or two of JSON at most, well inside what one round trip handles comfortably. */
const CHUNK = 2_000;

/** What writing one entity's rows needs, worked out once per entity rather than once per batch. */
interface RowWriter {
  readonly upsert: string;
  readonly insert: string;
  /** The rows as the one JSON parameter of either statement. */
  readonly json: (rows: readonly ObjectLiteral[]) => string;
}

const writers = new WeakMap<EntityMetadata, RowWriter>();

/**
 * A row's value as JSON text, or undefined for none. Dates go as ISO text, which PostgreSQL reads back exactly
 * for timestamptz; jsonb columns take the value's own JSON.
 */
function valueJson(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return `"${value.toISOString()}"`;
  return JSON.stringify(value);
}

/**
 * Serialises rows by hand, field by field. The JSON carries each column under a short key (`c0`, `c1`, …: the
 * record definition below names them, so only positions travel) and leaves out null values, which
 * jsonb_to_recordset reads back as NULL anyway: a summary row is about half as many bytes as with its column names
 * and nulls spelt out. Under a storm the projections write several rows per incident, and the bytes cost twice:
 * building the text here, and PostgreSQL parsing it.
 */
function serialiser(columns: readonly ColumnMetadata[]): (rows: readonly ObjectLiteral[]) => string {
  const keys = columns.map((_, index) => `"c${index}":`);
  // A plain property is read directly; anything TypeORM maps (a transformer, an embedded entity, a relation) goes
  // through its own getter, as before.
  const readers = columns.map((column) =>
    column.transformer || column.embeddedMetadata || column.relationMetadata
      ? (row: ObjectLiteral): unknown => column.getEntityValue(row)
      : (row: ObjectLiteral): unknown => row[column.propertyName],
  );
  return (rows) => {
    const parts = new Array<string>(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] as ObjectLiteral;
      let text = '';
      for (let c = 0; c < readers.length; c++) {
        const value = valueJson((readers[c] as (row: ObjectLiteral) => unknown)(row));
        if (value !== undefined) text += (text === '' ? '{' : ',') + keys[c] + value;
      }
      parts[r] = text === '' ? '{}' : `${text}}`;
    }
    return `[${parts.join(',')}]`;
  };
}

function writerOf(metadata: EntityMetadata): RowWriter {
  let writer = writers.get(metadata);
  if (writer) return writer;
  // Generated columns (insert: false) are PostgreSQL's to compute.
  const columns = metadata.columns.filter((column) => column.isInsert);
  const table = `"${metadata.schema}"."${metadata.tableName}"`;
  const names = columns.map((column) => `"${column.databaseName}"`).join(', ');
  const shape = columns.map((column, index) => `c${index} ${String(column.type)}`).join(', ');
  const values = columns.map((_, index) => `c${index}`).join(', ');
  const keys = metadata.primaryColumns.map((column) => `"${column.databaseName}"`).join(', ');
  const updates = columns
    .filter((column) => !column.isPrimary && column.isUpdate)
    .map((column) => `"${column.databaseName}" = EXCLUDED."${column.databaseName}"`)
    .join(', ');
  // Identifiers come from the entity metadata, never from data; every value travels in the one bound parameter.
  const insert = `INSERT INTO ${table} (${names}) SELECT ${values} FROM jsonb_to_recordset($1::jsonb) AS r(${shape})`;
  writer = { insert, upsert: `${insert} ON CONFLICT (${keys}) DO UPDATE SET ${updates}`, json: serialiser(columns) };
  writers.set(metadata, writer);
  return writer;
}

async function write(
  manager: EntityManager,
  entity: EntityTarget<ObjectLiteral>,
  rows: readonly ObjectLiteral[],
  upsert: boolean,
): Promise<void> {
  const writer = writerOf(manager.connection.getMetadata(entity));
  const sql = upsert ? writer.upsert : writer.insert;
  for (let start = 0; start < rows.length; start += CHUNK) {
    await manager.query(sql, [writer.json(rows.slice(start, start + CHUNK))]);
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
