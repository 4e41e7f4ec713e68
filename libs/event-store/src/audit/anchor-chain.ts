import { anchorDefect, FIRST_ANCHOR_PREVIOUS, type Anchor, type SignedAnchor } from './anchor';
import type { AuditVerifyKey } from './signing-key';

export interface AnchorChainProblem {
  readonly sequence: number;
  readonly kind: 'defect' | 'gap' | 'link' | 'fork';
  readonly message: string;
}

export interface AnchorChainVerdict<A extends SignedAnchor> {
  readonly ok: boolean;
  /** Anchors read, repeats dropped. */
  readonly anchors: number;
  readonly problems: readonly AnchorChainProblem[];
  /** The anchors that hold on their own (key, hash, signature, leaves): the only ones a stream is checked against. */
  readonly trusted: readonly A[];
}

/**
 * Checks a run of anchors in the order the topic holds them: each must hold on its own, and each must follow
 * the one before (sequence + 1, `previous` = its hash). From the start of the topic the first must be
 * anchor 0. The same anchor twice (a send repeated after a lost acknowledgement) is dropped; two different
 * anchors with one sequence number are a fork and named.
 */
export function verifyAnchorChain<A extends SignedAnchor | Anchor>(
  anchors: readonly A[],
  key: AuditVerifyKey,
  options: { readonly fromStart: boolean },
): AnchorChainVerdict<A> {
  const problems: AnchorChainProblem[] = [];
  const trusted: A[] = [];
  let before: A | undefined;
  let count = 0;
  for (const anchor of anchors) {
    if (before && anchor.sequence === before.sequence && anchor.hash === before.hash) continue;
    count += 1;
    const name = `anchor #${anchor.sequence} (${anchor.anchoredAt})`;
    const defect = anchorDefect(anchor, key);
    if (defect) problems.push({ sequence: anchor.sequence, kind: 'defect', message: `${name}: ${defect}` });
    else trusted.push(anchor);
    if (!before) {
      if (options.fromStart && (anchor.sequence !== 0 || anchor.previous !== FIRST_ANCHOR_PREVIOUS)) {
        problems.push({
          sequence: anchor.sequence,
          kind: 'gap',
          message: `the topic starts at ${name}, not at anchor #0: earlier anchors are missing`,
        });
      }
    } else if (anchor.sequence === before.sequence) {
      problems.push({
        sequence: anchor.sequence,
        kind: 'fork',
        message: `${name}: a second, different anchor #${anchor.sequence}`,
      });
    } else if (anchor.sequence !== before.sequence + 1) {
      problems.push({
        sequence: anchor.sequence,
        kind: 'gap',
        message: `${name} follows anchor #${before.sequence}: anchors ${before.sequence + 1}…${anchor.sequence - 1} are missing`,
      });
    } else if (anchor.previous !== before.hash) {
      problems.push({
        sequence: anchor.sequence,
        kind: 'link',
        message: `${name} does not chain to anchor #${before.sequence}: its previous hash differs`,
      });
    }
    before = anchor;
  }
  return { ok: problems.length === 0, anchors: count, problems, trusted };
}
