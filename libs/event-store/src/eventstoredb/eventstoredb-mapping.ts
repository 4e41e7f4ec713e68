import {
  jsonEvent,
  type EventData,
  type JSONType,
  type RecordedEvent as KurrentRecordedEvent,
} from '@kurrent/kurrentdb-client';
import type { EventMetadata, PreparedEvent, RecordedEvent } from '../envelope';
import { formatEventStoreDbCheckpoint } from './eventstoredb-checkpoint';

/**
 * EventStoreDB has a slot for the id, type, data and metadata but none for our schemaVersion, so it travels
 * in the metadata and is taken out again on read: what comes back is exactly the PreparedEvent written.
 */
export function toEventData(event: PreparedEvent): EventData {
  return jsonEvent({
    id: event.id,
    type: event.type,
    // The client JSON-serialises any value; its JSONType only narrows what it documents.
    data: event.data as JSONType,
    metadata: { ...event.metadata, schemaVersion: event.schemaVersion },
  });
}

export function fromRecorded(record: KurrentRecordedEvent): RecordedEvent {
  const { schemaVersion, ...metadata } = storedMetadata(record);
  if (!record.position) {
    // Servers before 22.6 leave positions out of stream reads; without one there is no checkpoint to give.
    throw new Error(`event ${record.id} in ${record.streamId} came without its log position (server too old?)`);
  }
  return {
    id: record.id,
    type: record.type,
    schemaVersion,
    data: record.data,
    metadata,
    streamId: record.streamId,
    streamRevision: Number(record.revision),
    globalPosition: record.position.commit,
    checkpoint: formatEventStoreDbCheckpoint(record.position),
  };
}

function storedMetadata(record: KurrentRecordedEvent): EventMetadata & { schemaVersion: number } {
  const metadata: unknown = record.metadata;
  if (
    record.isJson &&
    typeof metadata === 'object' &&
    metadata !== null &&
    !Array.isArray(metadata) &&
    !(metadata instanceof Uint8Array) &&
    typeof (metadata as { schemaVersion?: unknown }).schemaVersion === 'number'
  ) {
    return metadata as EventMetadata & { schemaVersion: number };
  }
  // Failing loudly beats handing readers an event without the envelope the hash chain is computed over.
  throw new Error(`event ${record.id} in ${record.streamId} was not written by this adapter (no envelope metadata)`);
}
