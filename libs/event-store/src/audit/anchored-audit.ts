import { StreamNotFound } from '../errors';
import type { EventStoreAdapter } from '../event-store.port';
import type { RecordedEvent } from '../envelope';
import { verifyChain } from '../hash-chain';
import type { Anchor } from './anchor';
import { verifyAnchorChain, type AnchorChainVerdict } from './anchor-chain';
import { anchoredHeads, verifyAnchoredStream, type AnchoredHead, type AnchoredStreamVerdict } from './anchored-stream';
import type { AuditVerifyKey } from './signing-key';

/** The anchors as read from their topic, checked once, and indexed by stream for the streams' checks. */
export interface AnchorAudit {
  readonly chain: AnchorChainVerdict<Anchor>;
  readonly heads: ReadonlyMap<string, readonly AnchoredHead[]>;
}

/**
 * Checks the chain of anchors read from the start of `audit.anchors`; a record that is no anchor at all is named
 * among the chain's problems. Streams are then held only against anchors that hold on their own.
 */
export function auditAnchors(
  anchors: readonly Anchor[],
  unreadable: readonly { readonly offset: string; readonly reason: string }[],
  key: AuditVerifyKey,
): AnchorAudit {
  const chain = verifyAnchorChain(anchors, key, { fromStart: true });
  const problems = [
    ...unreadable.map((record) => ({
      sequence: -1,
      kind: 'defect' as const,
      message: `the record at offset ${record.offset} is no anchor: ${record.reason}`,
    })),
    ...chain.problems,
  ];
  return { chain: { ...chain, ok: problems.length === 0, problems }, heads: anchoredHeads(chain.trusted) };
}

/** A stream exactly as stored (no upcasting: the hashes cover the stored form); none for a stream with no events. */
export async function storedStream(adapter: EventStoreAdapter, streamId: string): Promise<RecordedEvent[]> {
  try {
    return await adapter.readStream(streamId);
  } catch (error) {
    if (error instanceof StreamNotFound) return [];
    throw error;
  }
}

/** Holds one stream, as stored, to its hash chain and to every anchor that covers it. */
export async function verifyStoredStreamAnchored(
  adapter: EventStoreAdapter,
  streamId: string,
  audit: AnchorAudit,
): Promise<AnchoredStreamVerdict> {
  const events = await storedStream(adapter, streamId);
  return verifyAnchoredStream(
    streamId,
    events.map((event) => event.metadata.hash),
    verifyChain(events),
    audit.heads.get(streamId) ?? [],
  );
}
