import { verifyChain, type VerificationResult } from '../hash-chain';
import { verifyAnchoredStream, type AnchoredHead } from './anchored-stream';

const hash = (revision: number, variant = 'a') => `${variant}${revision}`.padEnd(64, '0');
const stored = (count: number) => Array.from({ length: count }, (_, revision) => hash(revision));
const ok = (events: number): VerificationResult => ({ ok: true, events, lastHash: hash(events - 1) });
const head = (sequence: number, revision: number, variant = 'a'): AnchoredHead => ({
  sequence,
  anchoredAt: `2026-11-22T04:00:${String(sequence).padStart(2, '0')}.000Z`,
  revision,
  hash: hash(revision, variant),
});

describe('a stream held against its anchors', () => {
  it('is ok when it reaches its newest anchored revision with the anchored hashes', () => {
    const verdict = verifyAnchoredStream('incident-1', stored(42), ok(42), [head(3, 20), head(7, 38)]);
    expect(verdict).toMatchObject({
      ok: true,
      events: 42,
      anchored: { sequence: 7, revision: 38 },
      unanchoredEvents: 3,
    });
  });

  it('names the missing revisions when its tail was deleted', () => {
    const verdict = verifyAnchoredStream('incident-1', stored(39), ok(39), [head(3, 20), head(12, 41)]);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual([
      expect.objectContaining({
        kind: 'missing-tail',
        anchoredRevision: 41,
        storeEndsAt: 38,
        message: 'revision 41 anchored at 2026-11-22T04:00:12.000Z (anchor #12), the store ends at 38',
      }),
    ]);
  });

  it('names a stream deleted outright', () => {
    const verdict = verifyAnchoredStream('incident-1', [], { ok: true, events: 0, lastHash: '' }, [head(1, 2)]);
    expect(verdict.problems[0]?.message).toMatch(/revision 2 anchored .* the store holds no event of this stream/);
  });

  it('names the first rewritten revision even when the chain was recomputed to match', () => {
    const rewritten = [...stored(5).slice(0, 2), hash(2, 'b'), hash(3, 'b'), hash(4, 'b')];
    const verdict = verifyAnchoredStream('incident-1', rewritten, ok(5), [head(1, 1), head(2, 2), head(3, 4)]);
    expect(verdict.problems.map((problem) => [problem.kind, 'revision' in problem ? problem.revision : -1])).toEqual([
      ['rewritten', 2],
      ['rewritten', 4],
    ]);
    expect(verdict.problems[0]?.message).toMatch(
      /revision 2 was anchored at .* \(anchor #2\).*the stream was rewritten/,
    );
  });

  it('passes on a broken hash chain as a problem of its own', () => {
    const chain = verifyChain([]);
    const broken: VerificationResult = {
      ok: false,
      events: 3,
      firstBrokenRevision: 1,
      reason: 'content does not match its hash',
    };
    expect(chain.ok).toBe(true);
    expect(verifyAnchoredStream('incident-1', stored(3), broken, []).problems).toEqual([
      expect.objectContaining({ kind: 'chain', firstBrokenRevision: 1 }),
    ]);
  });

  it('counts every event as unanchored when no anchor covers the stream yet', () => {
    expect(verifyAnchoredStream('incident-1', stored(4), ok(4), [])).toMatchObject({
      ok: true,
      anchored: undefined,
      unanchoredEvents: 4,
    });
  });
});
