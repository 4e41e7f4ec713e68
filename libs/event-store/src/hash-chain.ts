import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { EventMetadata, PreparedEvent } from './envelope';

/** prevHash of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

type Hashable = Omit<PreparedEvent, 'metadata'> & { readonly metadata: Omit<EventMetadata, 'hash'> };

/**
 * sha256(prevHash ‖ canonical JSON of the event without its own hash). The id, type, schema version, stream
 * and revision are inside the hashed text too, so moving an event to another place breaks the chain.
 */
export function hashEvent(event: Hashable, streamId: string, streamRevision: number): string {
  const { hash: _ignored, ...metadata } = event.metadata as EventMetadata;
  const body = canonicalJson({
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId,
    streamRevision,
    data: event.data,
    metadata,
  });
  return createHash('sha256').update(metadata.prevHash).update(body).digest('hex');
}

export interface StoredForVerification extends PreparedEvent {
  readonly streamId: string;
  readonly streamRevision: number;
}

export type VerificationResult =
  | { readonly ok: true; readonly events: number; readonly lastHash: string }
  | { readonly ok: false; readonly events: number; readonly firstBrokenRevision: number; readonly reason: string };

/** Recomputes the chain over a stream read in revision order, naming the first revision that does not hold. */
export function verifyChain(events: readonly StoredForVerification[]): VerificationResult {
  let prevHash = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    const broken = (reason: string): VerificationResult => ({
      ok: false,
      events: events.length,
      firstBrokenRevision: event.streamRevision,
      reason,
    });
    if (event.streamRevision !== index) return broken(`expected revision ${index}, found ${event.streamRevision}`);
    if (event.metadata.prevHash !== prevHash) return broken('prevHash does not match the previous event’s hash');
    if (hashEvent(event, event.streamId, event.streamRevision) !== event.metadata.hash) {
      return broken('content does not match its hash');
    }
    prevHash = event.metadata.hash;
  }
  return { ok: true, events: events.length, lastHash: prevHash };
}
