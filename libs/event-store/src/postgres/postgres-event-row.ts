import type { PreparedEvent, RecordedEvent } from '../envelope';

/**
 * An event row as read (rowMode 'array': no object with named keys per row): its six scalars in one text, then
 * data and metadata, which pg parses (JSON.parse): json columns, sent as stored (migration 5). A stream's own rows
 * leave out its id: the caller named the stream, and 1,000 copies of it were a tenth of the bytes of a rehydrate;
 * the global log's rows add it last.
 *
 * Why one text for the scalars: pg decodes every field of every row into a string of its own (Buffer#toString,
 * a call into C++ each), and with eight fields that was about a third of the client's CPU on a 1,000-event
 * rehydrate. Three fields cut the client's share of a rehydrate by about a quarter (replayed rows, no server),
 * while PostgreSQL's serialisation cost no more (EXPLAIN (ANALYZE, SERIALIZE): concat_ws prints each value with
 * the same output functions, and three fields cost less to send than eight). README, "Reading a stream".
 */
export type StreamRow = [scalars: string, data: unknown, metadata: PreparedEvent['metadata']];
export type EventRow = [...StreamRow, streamId: string];

/**
 * Positions, revisions and versions print as digits and the id as a uuid, none with a space in it, so the type,
 * last, is everything after the fifth space, whatever it contains. transaction_id prints in decimal (xid8).
 */
export const STREAM_COLUMNS = `concat_ws(' ', global_position, transaction_id, stream_revision, schema_version, event_id, event_type), data, metadata`;
export const COLUMNS = `${STREAM_COLUMNS}, stream_id`;

export function toRecorded([scalars, data, metadata]: StreamRow | EventRow, streamId: string): RecordedEvent {
  const afterPosition = scalars.indexOf(' ');
  const afterTransaction = scalars.indexOf(' ', afterPosition + 1);
  const afterRevision = scalars.indexOf(' ', afterTransaction + 1);
  const afterVersion = scalars.indexOf(' ', afterRevision + 1);
  const afterId = scalars.indexOf(' ', afterVersion + 1);
  const globalPosition = scalars.slice(0, afterPosition);
  return {
    id: scalars.slice(afterVersion + 1, afterId),
    type: scalars.slice(afterId + 1),
    schemaVersion: Number(scalars.slice(afterRevision + 1, afterVersion)),
    data,
    metadata,
    streamId,
    streamRevision: Number(scalars.slice(afterTransaction + 1, afterRevision)),
    globalPosition: BigInt(globalPosition),
    // Both are PostgreSQL's own decimal text, exactly what formatCheckpoint would print from them.
    checkpoint: `${scalars.slice(afterPosition + 1, afterTransaction)}:${globalPosition}`,
  };
}
