import type { RecordedEvent } from '@incident/event-store';

/** An event as the auditor API shows it: positions as strings, since JSON numbers cannot hold 64 bits. */
export function toHistoryEntry(event: RecordedEvent) {
  return {
    revision: event.streamRevision,
    position: event.globalPosition.toString(),
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    hash: event.metadata.hash,
    prevHash: event.metadata.prevHash,
  };
}
