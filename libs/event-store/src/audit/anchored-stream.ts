import type { VerificationResult } from '../hash-chain';
import type { Anchor } from './anchor';

/** One anchor's word on one stream: its head at `revision` had `hash`. */
export interface AnchoredHead {
  readonly sequence: number;
  readonly anchoredAt: string;
  readonly revision: number;
  readonly hash: string;
}

export type AnchoredStreamProblem =
  | {
      readonly kind: 'missing-tail';
      readonly anchoredRevision: number;
      readonly anchoredAt: string;
      readonly sequence: number;
      /** The store's last revision; -1 when it holds no event of the stream at all. */
      readonly storeEndsAt: number;
      readonly message: string;
    }
  | {
      readonly kind: 'rewritten';
      readonly revision: number;
      readonly anchoredAt: string;
      readonly sequence: number;
      readonly anchoredHash: string;
      readonly storedHash: string;
      readonly message: string;
    }
  | { readonly kind: 'chain'; readonly firstBrokenRevision: number; readonly message: string };

export interface AnchoredStreamVerdict {
  readonly streamId: string;
  readonly ok: boolean;
  readonly events: number;
  /** The newest anchor covering the stream; undefined when none does yet. */
  readonly anchored: AnchoredHead | undefined;
  /** Events after the newest anchored revision: only their hash chain vouches for them so far. */
  readonly unanchoredEvents: number;
  readonly problems: readonly AnchoredStreamProblem[];
}

/** Every anchored head per stream, oldest anchor first, from anchors that held on their own. */
export function anchoredHeads(anchors: readonly Anchor[]): Map<string, AnchoredHead[]> {
  const heads = new Map<string, AnchoredHead[]>();
  for (const anchor of anchors) {
    for (const leaf of anchor.leaves) {
      const head = {
        sequence: anchor.sequence,
        anchoredAt: anchor.anchoredAt,
        revision: leaf.revision,
        hash: leaf.hash,
      };
      const list = heads.get(leaf.streamId);
      if (list) list.push(head);
      else heads.set(leaf.streamId, [head]);
    }
  }
  return heads;
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;

/**
 * Holds a stream as stored against every head the anchors recorded for it: the stream must still reach the
 * newest anchored revision (else its tail was deleted), and at each anchored revision must hold the anchored
 * hash (else it was rewritten, even if its chain was recomputed to match). `stored` is the stream's hash per
 * revision in order; `chain` the hash chain's own verdict over the same events.
 */
export function verifyAnchoredStream(
  streamId: string,
  stored: readonly string[],
  chain: VerificationResult,
  heads: readonly AnchoredHead[],
): AnchoredStreamVerdict {
  const problems: AnchoredStreamProblem[] = [];
  if (!chain.ok) {
    problems.push({
      kind: 'chain',
      firstBrokenRevision: chain.firstBrokenRevision,
      message: `the hash chain breaks at revision ${chain.firstBrokenRevision} (${chain.reason})`,
    });
  }
  const newest = heads.reduce<AnchoredHead | undefined>(
    (best, head) =>
      !best || head.revision > best.revision || (head.revision === best.revision && head.sequence > best.sequence)
        ? head
        : best,
    undefined,
  );
  const storeEndsAt = stored.length - 1;
  if (newest && newest.revision > storeEndsAt) {
    problems.push({
      kind: 'missing-tail',
      anchoredRevision: newest.revision,
      anchoredAt: newest.anchoredAt,
      sequence: newest.sequence,
      storeEndsAt,
      message:
        `revision ${newest.revision} anchored at ${newest.anchoredAt} (anchor #${newest.sequence}), ` +
        (storeEndsAt < 0 ? 'the store holds no event of this stream' : `the store ends at ${storeEndsAt}`),
    });
  }
  const named = new Set<number>();
  for (const head of heads) {
    const storedHash = stored[head.revision];
    if (storedHash === undefined || storedHash === head.hash || named.has(head.revision)) continue;
    named.add(head.revision);
    problems.push({
      kind: 'rewritten',
      revision: head.revision,
      anchoredAt: head.anchoredAt,
      sequence: head.sequence,
      anchoredHash: head.hash,
      storedHash,
      message:
        `revision ${head.revision} was anchored at ${head.anchoredAt} (anchor #${head.sequence}) with hash ` +
        `${short(head.hash)}, the store holds ${short(storedHash)}: the stream was rewritten`,
    });
  }
  return {
    streamId,
    ok: problems.length === 0,
    events: stored.length,
    anchored: newest,
    unanchoredEvents: newest ? Math.max(0, storeEndsAt - newest.revision) : stored.length,
    problems,
  };
}
