import type { Anchor } from '@incident/event-store';
import type { Message } from 'kafkajs';

/** An anchor as an `audit.anchors` record: keyed by its sequence number, the value its JSON. */
export function anchorRecord(anchor: Anchor): Message {
  return { key: String(anchor.sequence), value: JSON.stringify(anchor) };
}

const HEX64 = /^[0-9a-f]{64}$/;

/** The record's anchor, or why it is none. Whether it can be trusted is the chain verifier's business. */
export function parseAnchorRecord(value: Buffer | null): Anchor | string {
  if (value === null) return 'the record is empty';
  let anchor: Anchor;
  try {
    anchor = JSON.parse(value.toString('utf8')) as Anchor;
  } catch {
    return 'the record is not JSON';
  }
  const shapeOk =
    typeof anchor === 'object' &&
    anchor !== null &&
    anchor.version === 1 &&
    Number.isInteger(anchor.sequence) &&
    typeof anchor.anchoredAt === 'string' &&
    typeof anchor.previous === 'string' &&
    HEX64.test(anchor.hash ?? '') &&
    typeof anchor.signature === 'string' &&
    Array.isArray(anchor.leaves) &&
    anchor.leaves.every(
      (leaf) => typeof leaf?.streamId === 'string' && Number.isInteger(leaf.revision) && typeof leaf.hash === 'string',
    );
  return shapeOk ? anchor : 'the record is not an anchor';
}
