/**
 * Every read-model table lives in this schema of DATABASE_URL's database, next to the PostgreSQL event store's
 * `event_store` schema but apart from it: dashboards get read access to one schema, and a rebuild can never touch
 * the source of truth.
 */
export const READ_MODEL_SCHEMA = 'read_models';

/** `read_models.<table>`, for the raw SQL that TypeORM's query builder does not express (aggregates, TRUNCATE). */
export const qualified = (table: string): string => `${READ_MODEL_SCHEMA}.${table}`;
