import { createHash, sign, verify } from 'node:crypto';
import { canonicalJson } from '../canonical-json';
import { GENESIS_HASH } from '../hash-chain';
import { merkleRoot, merkleRootInSlices, type AnchorLeaf } from './merkle';
import type { AuditSigningKey, AuditVerifyKey } from './signing-key';

/**
 * What an anchor signs: a Merkle root over the heads of the streams that changed since the anchor before,
 * chained to that anchor by its hash. `checkpoint` is where the anchorer resumes reading the store's log.
 */
export interface AnchorBody {
  readonly version: 1;
  /** 0, 1, 2, … with no gaps: a missing anchor shows as a gap. */
  readonly sequence: number;
  /** The previous anchor's hash; 64 zeros for the first. */
  readonly previous: string;
  readonly anchoredAt: string;
  readonly merkleRoot: string;
  readonly leafCount: number;
  /** The global position of the newest event covered (a decimal string: positions are 64-bit). */
  readonly throughPosition: string;
  readonly checkpoint: string;
  readonly keyId: string;
}

/** An anchor as signed: the body, its hash (the next anchor's `previous`) and the Ed25519 signature. */
export interface SignedAnchor extends AnchorBody {
  readonly hash: string;
  /** Base64 Ed25519 signature over the canonical JSON of the body. */
  readonly signature: string;
}

/** An anchor as published on `audit.anchors`: signed, with its leaves sorted by stream id. */
export interface Anchor extends SignedAnchor {
  readonly leaves: readonly AnchorLeaf[];
}

export const FIRST_ANCHOR_PREVIOUS = GENESIS_HASH;

export function anchorBodyOf(anchor: AnchorBody): AnchorBody {
  const { version, sequence, previous, anchoredAt, merkleRoot, leafCount, throughPosition, checkpoint, keyId } = anchor;
  return { version, sequence, previous, anchoredAt, merkleRoot, leafCount, throughPosition, checkpoint, keyId };
}

export function anchorHash(body: AnchorBody): string {
  return createHash('sha256')
    .update(canonicalJson(anchorBodyOf(body)))
    .digest('hex');
}

export function signAnchorBody(body: AnchorBody, key: AuditSigningKey): SignedAnchor {
  const text = Buffer.from(canonicalJson(anchorBodyOf(body)));
  return {
    ...anchorBodyOf(body),
    hash: anchorHash(body),
    signature: sign(null, text, key.privateKey).toString('base64'),
  };
}

/** Why this anchor, on its own, cannot be trusted; undefined when it can. Leaves are checked when present. */
export function anchorDefect(anchor: SignedAnchor & { leaves?: readonly AnchorLeaf[] }, key: AuditVerifyKey) {
  if (anchor.keyId !== key.keyId) return `signed by key ${anchor.keyId.slice(0, 16)}…, not the trusted key`;
  if (anchorHash(anchor) !== anchor.hash) return 'its hash does not match its content';
  const text = Buffer.from(canonicalJson(anchorBodyOf(anchor)));
  let valid: boolean;
  try {
    valid = verify(null, text, key.publicKey, Buffer.from(anchor.signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) return 'its signature does not verify';
  if (anchor.leaves) {
    if (anchor.leaves.length !== anchor.leafCount)
      return `it lists ${anchor.leaves.length} of ${anchor.leafCount} leaves`;
    if (anchor.leaves.length === 0 || merkleRoot(anchor.leaves) !== anchor.merkleRoot) {
      return 'its leaves do not give its Merkle root';
    }
  }
  return undefined;
}

export interface AnchorPlan {
  /** The newest anchor published so far; undefined before the first. */
  readonly previous: Pick<SignedAnchor, 'sequence' | 'hash' | 'checkpoint'> | undefined;
  /** Each changed stream's newest head. */
  readonly heads: ReadonlyMap<string, { readonly revision: number; readonly hash: string }>;
  readonly throughPosition: bigint;
  /** The checkpoint of the newest event covered. */
  readonly checkpoint: string;
  readonly anchoredAt: Date;
  /** Most leaves per anchor, so that a record stays far below Kafka's message size limit. */
  readonly maxLeaves: number;
}

/**
 * The anchors for one round: the changed heads sorted by stream id, in chunks of maxLeaves, chained and
 * signed. Only the last chunk carries the round's checkpoint; the others keep the previous anchor's, so an
 * anchorer that stops between chunks resumes from the round's start and anchors those streams again.
 */
export function planAnchors(plan: AnchorPlan, key: AuditSigningKey): Anchor[] {
  const chunks = leafChunks(plan);
  const anchors: Anchor[] = [];
  for (const chunk of chunks) {
    anchors.push(signChunk(plan, key, anchors.at(-1), chunk, merkleRoot(chunk), anchors.length === chunks.length - 1));
  }
  return anchors;
}

/**
 * planAnchors with each tree built `slice` hashes at a time (merkleRootInSlices), for a process whose event loop
 * also serves latency-sensitive work: the same anchors, without one long stall per round.
 */
export async function planAnchorsInSlices(plan: AnchorPlan, key: AuditSigningKey, slice: number): Promise<Anchor[]> {
  const chunks = leafChunks(plan);
  const anchors: Anchor[] = [];
  for (const chunk of chunks) {
    const root = await merkleRootInSlices(chunk, slice);
    anchors.push(signChunk(plan, key, anchors.at(-1), chunk, root, anchors.length === chunks.length - 1));
  }
  return anchors;
}

function leafChunks(plan: AnchorPlan): AnchorLeaf[][] {
  const leaves = [...plan.heads]
    .map(([streamId, head]) => ({ streamId, revision: head.revision, hash: head.hash }))
    .sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
  const chunks: AnchorLeaf[][] = [];
  for (let start = 0; start < leaves.length; start += plan.maxLeaves) {
    chunks.push(leaves.slice(start, start + plan.maxLeaves));
  }
  return chunks;
}

/** One chunk's anchor, chained to the round's previous one (or to the plan's previous anchor for the first). */
function signChunk(
  plan: AnchorPlan,
  key: AuditSigningKey,
  before: Anchor | undefined,
  chunk: AnchorLeaf[],
  root: string,
  last: boolean,
): Anchor {
  const previous = before ?? plan.previous;
  const signed = signAnchorBody(
    {
      version: 1,
      sequence: previous ? previous.sequence + 1 : 0,
      previous: previous?.hash ?? FIRST_ANCHOR_PREVIOUS,
      anchoredAt: plan.anchoredAt.toISOString(),
      merkleRoot: root,
      leafCount: chunk.length,
      throughPosition: plan.throughPosition.toString(),
      checkpoint: last ? plan.checkpoint : (plan.previous?.checkpoint ?? ''),
      keyId: key.verifyKey.keyId,
    },
    key,
  );
  return { ...signed, leaves: chunk };
}
