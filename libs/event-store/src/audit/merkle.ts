import { createHash } from 'node:crypto';
import { canonicalJson } from '../canonical-json';

/** One stream's head as an anchor commits to it. */
export interface AnchorLeaf {
  readonly streamId: string;
  readonly revision: number;
  readonly hash: string;
}

/** A sibling on the way from a leaf to the root, and on which side of the running hash it sits. */
export interface ProofStep {
  readonly side: 'left' | 'right';
  readonly hash: string;
}

// Leaves and inner nodes are hashed with different prefixes (as in RFC 6962), so an inner node can never be
// passed off as a leaf, nor a leaf as an inner node.
const LEAF_PREFIX = Buffer.from([0]);
const NODE_PREFIX = Buffer.from([1]);

function leafDigest(leaf: AnchorLeaf): Buffer {
  const body = canonicalJson([leaf.streamId, leaf.revision, leaf.hash]);
  return createHash('sha256').update(LEAF_PREFIX).update(body).digest();
}

// Digests stay Buffers inside the tree: a hex string per node, parsed back by the next level, was most of the cost.
function nodeDigest(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

export function leafHash(leaf: AnchorLeaf): string {
  return leafDigest(leaf).toString('hex');
}

function nodeHash(left: string, right: string): string {
  return nodeDigest(Buffer.from(left, 'hex'), Buffer.from(right, 'hex')).toString('hex');
}

/** The level above `level`: pairs hashed, and an odd last node carried up unpaired. */
function parents(level: readonly Buffer[], from: number, to: number, into: Buffer[]): void {
  for (let i = from; i < to; i += 2) {
    const right = level[i + 1];
    into.push(right === undefined ? (level[i] as Buffer) : nodeDigest(level[i] as Buffer, right));
  }
}

/**
 * The levels of the tree, leaves first. A level of odd length carries its last node up unpaired rather than
 * pairing it with itself: duplicating it would let two different leaf lists share a root (CVE-2012-2459).
 */
function levels(leaves: readonly AnchorLeaf[]): Buffer[][] {
  if (leaves.length === 0) throw new Error('a Merkle tree needs at least one leaf');
  const all = [leaves.map(leafDigest)];
  for (let level = all[0] as Buffer[]; level.length > 1;) {
    const next: Buffer[] = [];
    parents(level, 0, level.length, next);
    all.push(next);
    level = next;
  }
  return all;
}

export function merkleRoot(leaves: readonly AnchorLeaf[]): string {
  return (levels(leaves).at(-1)?.[0] as Buffer).toString('hex');
}

/**
 * merkleRoot, computed `slice` hashes at a time with a turn of the event loop between slices: a process that
 * also serves latency-sensitive work (the relay) never stalls for the whole tree (about two hashes per leaf).
 */
export async function merkleRootInSlices(leaves: readonly AnchorLeaf[], slice: number): Promise<string> {
  if (leaves.length === 0) throw new Error('a Merkle tree needs at least one leaf');
  let level: Buffer[] = [];
  for (let from = 0; from < leaves.length; from += slice) {
    if (from > 0) await turn();
    for (const leaf of leaves.slice(from, from + slice)) level.push(leafDigest(leaf));
  }
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let from = 0; from < level.length; from += 2 * slice) {
      await turn();
      parents(level, from, Math.min(level.length, from + 2 * slice), next);
    }
    level = next;
  }
  return (level[0] as Buffer).toString('hex');
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The siblings from leaf `index` up to the root: with the leaf, all a verifier needs to recompute the root. */
export function merkleProof(leaves: readonly AnchorLeaf[], index: number): ProofStep[] {
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length) throw new Error(`no leaf ${index}`);
  const proof: ProofStep[] = [];
  let position = index;
  for (const level of levels(leaves).slice(0, -1)) {
    const sibling = position % 2 === 0 ? position + 1 : position - 1;
    const hash = level[sibling];
    if (hash !== undefined) proof.push({ side: position % 2 === 0 ? 'right' : 'left', hash: hash.toString('hex') });
    position = Math.floor(position / 2);
  }
  return proof;
}

/** The root that `leaf` and `proof` lead to; the caller compares it with a signed root. */
export function rootFromProof(leaf: AnchorLeaf, proof: readonly ProofStep[]): string {
  return proof.reduce(
    (running, step) => (step.side === 'left' ? nodeHash(step.hash, running) : nodeHash(running, step.hash)),
    leafHash(leaf),
  );
}
