import { hash as digest } from 'node:crypto';
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
  return sealEvent(event, streamId, streamRevision).hash;
}

/** An event's hash, and its data and metadata (hash included) as JSON texts an adapter may store as they are. */
export interface SealedEvent {
  readonly hash: string;
  readonly dataJson: string | undefined;
  readonly metadataJson: string;
}

/**
 * hashEvent, keeping the canonical JSON it hashed: the data's and the metadata's texts are the ones an adapter
 * writes (valid JSON of the same values; key order means nothing to jsonb), so an appended event is serialised
 * once, not once to hash and again to store. The body is put together in canonicalJson's own key order (data,
 * id, metadata, schemaVersion, streamId, streamRevision, type); the known answers in hash-chain.unit.spec.ts
 * pin it. One-shot `hash()`: a Hash object per event cost more than the digest itself.
 */
export function sealEvent(event: Hashable, streamId: string, streamRevision: number): SealedEvent {
  // A copy without the hash only when there is one to leave out (verifying); appending seals metadata without one.
  const metadata = 'hash' in event.metadata ? withoutHash(event.metadata as EventMetadata) : event.metadata;
  const dataJson = event.data === undefined ? undefined : canonicalJson(event.data);
  const metadataJson = canonicalJson(metadata);
  const body =
    `{${dataJson === undefined ? '' : `"data":${dataJson},`}"id":${canonicalJson(event.id)},` +
    `"metadata":${metadataJson},"schemaVersion":${canonicalJson(event.schemaVersion)},` +
    `"streamId":${canonicalJson(streamId)},"streamRevision":${canonicalJson(streamRevision)},` +
    `"type":${canonicalJson(event.type)}}`;
  const hash = digest('sha256', metadata.prevHash + body, 'hex');
  // The metadata always holds prevHash, so the text is never `{}` and the hash follows a comma.
  return { hash, dataJson, metadataJson: `${metadataJson.slice(0, -1)},"hash":${JSON.stringify(hash)}}` };
}

function withoutHash(metadata: EventMetadata): Omit<EventMetadata, 'hash'> {
  const { hash: _ignored, ...rest } = metadata;
  return rest;
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
