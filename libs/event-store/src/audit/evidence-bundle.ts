import { canonicalJson } from '../canonical-json';
import type { PreparedEvent, RecordedEvent } from '../envelope';
import { verifyChain } from '../hash-chain';
import { anchorBodyOf, anchorDefect, type Anchor, type SignedAnchor } from './anchor';
import { merkleProof, rootFromProof, type ProofStep } from './merkle';
import { parseVerifyKey, type AuditVerifyKey } from './signing-key';

export const BUNDLE_FORMAT = 'incident-evidence-bundle/1';

/** An event as the bundle carries it: exactly what its hash covers, nothing the store adds beside it. */
export interface BundleEvent extends PreparedEvent {
  readonly streamId: string;
  readonly streamRevision: number;
}

/** An anchor that covers the stream: signed as published, with the stream's leaf and its Merkle proof. */
export interface BundleAnchor extends SignedAnchor {
  readonly leaf: { readonly revision: number; readonly hash: string };
  readonly proof: readonly ProofStep[];
}

/**
 * One incident's evidence, checkable with nothing but this file: its events as stored, each anchor covering
 * them with a proof that the anchor's signed root includes the stream's head, and the key that signed them.
 * Written as canonical JSON, and refused in any other form, so that no byte of it is without meaning.
 */
export interface EvidenceBundle {
  readonly format: typeof BUNDLE_FORMAT;
  readonly streamId: string;
  /** Base64 SPKI DER of the Ed25519 key; compare its id with the one the platform publishes. */
  readonly publicKey: string;
  readonly keyId: string;
  readonly events: readonly BundleEvent[];
  readonly anchors: readonly BundleAnchor[];
}

export function buildEvidenceBundle(
  streamId: string,
  events: readonly RecordedEvent[],
  anchors: readonly Anchor[],
  key: AuditVerifyKey,
): EvidenceBundle {
  const covering: BundleAnchor[] = [];
  for (const anchor of anchors) {
    const index = anchor.leaves.findIndex((leaf) => leaf.streamId === streamId);
    const leaf = anchor.leaves[index];
    if (!leaf) continue;
    const { leaves: _leaves, ...signed } = anchor;
    covering.push({
      ...anchorBodyOf(signed),
      hash: signed.hash,
      signature: signed.signature,
      leaf: { revision: leaf.revision, hash: leaf.hash },
      proof: merkleProof(anchor.leaves, index),
    });
  }
  return {
    format: BUNDLE_FORMAT,
    streamId,
    publicKey: key.encoded,
    keyId: key.keyId,
    events: events.map(({ id, type, schemaVersion, data, metadata, streamId: stream, streamRevision }) => ({
      id,
      type,
      schemaVersion,
      data,
      metadata,
      streamId: stream,
      streamRevision,
    })),
    anchors: covering,
  };
}

/** The bundle as written to a file: canonical JSON and one newline. */
export function serializeEvidenceBundle(bundle: EvidenceBundle): string {
  return `${canonicalJson(bundle)}\n`;
}

export interface BundleVerdict {
  readonly ok: boolean;
  readonly streamId: string | undefined;
  readonly keyId: string | undefined;
  readonly events: number;
  /** The newest revision an anchor vouches for, and when it was anchored. */
  readonly anchoredRevision: number | undefined;
  readonly anchoredAt: string | undefined;
  readonly problems: readonly string[];
}

const BUNDLE_KEYS = ['anchors', 'events', 'format', 'keyId', 'publicKey', 'streamId'];
const EVENT_KEYS = ['data', 'id', 'metadata', 'schemaVersion', 'streamId', 'streamRevision', 'type'];
const ANCHOR_KEYS = [
  'anchoredAt',
  'checkpoint',
  'hash',
  'keyId',
  'leaf',
  'leafCount',
  'merkleRoot',
  'previous',
  'proof',
  'sequence',
  'signature',
  'throughPosition',
  'version',
];

/** Fields nothing vouches for could be slipped in beside those the hashes cover: a bundle has no others. */
function hasExactly(value: unknown, keys: readonly string[]): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    canonicalJson(Object.keys(value).sort()) === canonicalJson(keys)
  );
}

/**
 * Verifies a bundle file's text offline: canonical form; the events' hash chain; each anchor's key, hash,
 * signature and Merkle proof; each anchored head present in the events with the anchored hash. `trustedKeyId`
 * pins the key; without it the bundle's own key is used and the verdict names it for the auditor to compare.
 */
export function verifyEvidenceBundle(text: string, trustedKeyId?: string): BundleVerdict {
  const problems: string[] = [];
  const verdict = (bundle?: Partial<EvidenceBundle>, anchored?: BundleAnchor): BundleVerdict => ({
    ok: problems.length === 0,
    streamId: bundle?.streamId,
    keyId: bundle?.keyId,
    events: bundle?.events?.length ?? 0,
    anchoredRevision: anchored?.leaf.revision,
    anchoredAt: anchored?.anchoredAt,
    problems,
  });
  let bundle: EvidenceBundle;
  try {
    bundle = JSON.parse(text) as EvidenceBundle;
  } catch (error) {
    problems.push(`not JSON: ${(error as Error).message}`);
    return verdict();
  }
  if (
    !hasExactly(bundle, BUNDLE_KEYS) ||
    !Array.isArray(bundle.events) ||
    !Array.isArray(bundle.anchors) ||
    !bundle.events.every((event) => hasExactly(event, EVENT_KEYS)) ||
    !bundle.anchors.every((anchor) => hasExactly(anchor, ANCHOR_KEYS))
  ) {
    problems.push('not an evidence bundle: the bundle, its events and its anchors must have exactly their fields');
    return verdict();
  }
  if (bundle.format !== BUNDLE_FORMAT) problems.push(`unknown format ${String(bundle.format)}`);
  if (serializeEvidenceBundle(bundle) !== text && canonicalJson(bundle) !== text) {
    problems.push('the file is not in canonical form: it was edited after it was written');
  }
  let key: AuditVerifyKey | undefined;
  try {
    key = parseVerifyKey(bundle.publicKey);
  } catch (error) {
    problems.push(`the public key cannot be read: ${(error as Error).message}`);
  }
  if (key && key.keyId !== bundle.keyId) problems.push('keyId is not the id of the public key');
  if (trustedKeyId && bundle.keyId !== trustedKeyId)
    problems.push(`signed by key ${bundle.keyId}, not the trusted ${trustedKeyId}`);
  const events = [...bundle.events];
  if (events.some((event) => event.streamId !== bundle.streamId)) problems.push('an event belongs to another stream');
  const chain = verifyChain(events);
  if (!chain.ok) problems.push(`the hash chain breaks at revision ${chain.firstBrokenRevision} (${chain.reason})`);
  let newest: BundleAnchor | undefined;
  let before: BundleAnchor | undefined;
  for (const anchor of bundle.anchors) {
    const name = `anchor #${anchor.sequence} (${anchor.anchoredAt})`;
    const defect = key ? anchorDefect(anchor, key) : 'no key to check it with';
    if (defect) problems.push(`${name}: ${defect}`);
    if (rootFromProof({ streamId: bundle.streamId, ...anchor.leaf }, anchor.proof) !== anchor.merkleRoot) {
      problems.push(`${name}: the Merkle proof does not lead to its signed root`);
    }
    if (before && anchor.sequence <= before.sequence) problems.push(`${name} is out of order`);
    if (before && anchor.sequence === before.sequence + 1 && anchor.previous !== before.hash) {
      problems.push(`${name} does not chain to anchor #${before.sequence}`);
    }
    const event = events[anchor.leaf.revision];
    if (!event) {
      problems.push(`${name} anchors revision ${anchor.leaf.revision}, the bundle ends at ${events.length - 1}`);
    } else if (event.metadata.hash !== anchor.leaf.hash) {
      problems.push(`${name}: revision ${anchor.leaf.revision} differs from the anchored hash`);
    }
    if (!newest || anchor.leaf.revision >= newest.leaf.revision) newest = anchor;
    before = anchor;
  }
  return verdict(bundle, newest);
}
