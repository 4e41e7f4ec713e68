import type { RecordedEvent } from '../envelope';

/** A stored event as an upcaster sees it, for the upcaster specs: only type, version and data matter. */
export const recordedEvent = (
  type: string,
  schemaVersion: number,
  data: unknown,
  streamRevision = 0,
): RecordedEvent => ({
  id: `e${streamRevision}`,
  type,
  schemaVersion,
  data,
  metadata: {
    occurredAt: 't',
    recordedAt: 't',
    actor: { kind: 'system', id: 's' },
    correlationId: 'c',
    causationId: null,
    prevHash: '0',
    hash: '1',
  },
  streamId: 'incident-1',
  streamRevision,
  globalPosition: BigInt(streamRevision + 1),
  checkpoint: `${streamRevision + 1}:${streamRevision + 1}`,
});
