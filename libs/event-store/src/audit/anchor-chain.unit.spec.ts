import { generateSigningKey, parseSigningKey, parseVerifyKey } from './signing-key';
import { planAnchors, planAnchorsInSlices, signAnchorBody, type Anchor } from './anchor';
import { verifyAnchorChain } from './anchor-chain';

const key = parseSigningKey(generateSigningKey());
const otherKey = parseSigningKey(generateSigningKey());
const at = (second: number) => new Date(Date.UTC(2026, 10, 22, 4, 0, second));

function round(previous: Anchor | undefined, streams: string[], second: number, maxLeaves = 100): Anchor[] {
  const heads = new Map(streams.map((stream, i) => [stream, { revision: i, hash: `${stream}`.padEnd(64, 'f') }]));
  return planAnchors(
    {
      previous,
      heads,
      throughPosition: BigInt(second),
      checkpoint: `${second}:${second}`,
      anchoredAt: at(second),
      maxLeaves,
    },
    key,
  );
}

function chainOf(rounds: number): Anchor[] {
  const anchors: Anchor[] = [];
  for (let i = 0; i < rounds; i++) anchors.push(...round(anchors.at(-1), [`s-${i}`, `s-${i + 1}`], i));
  return anchors;
}

describe('anchors', () => {
  describe('when planned', () => {
    it('sort the heads, chain from zero and sign', () => {
      const [first] = round(undefined, ['b', 'a'], 1);
      expect(first).toMatchObject({ sequence: 0, previous: '0'.repeat(64), leafCount: 2, checkpoint: '1:1' });
      expect(first!.leaves.map((leaf) => leaf.streamId)).toEqual(['a', 'b']);
      expect(verifyAnchorChain([first!], key.verifyKey, { fromStart: true })).toMatchObject({ ok: true, anchors: 1 });
    });

    it('split a large round into chained chunks; only the last carries the round checkpoint', () => {
      const [before] = round(undefined, ['x'], 1);
      const chunks = round(before, ['a', 'b', 'c', 'd', 'e'], 2, 2);
      expect(chunks.map((anchor) => [anchor.sequence, anchor.leafCount, anchor.checkpoint])).toEqual([
        [1, 2, '1:1'],
        [2, 2, '1:1'],
        [3, 1, '2:2'],
      ]);
      expect(verifyAnchorChain([before!, ...chunks], key.verifyKey, { fromStart: true }).ok).toBe(true);
    });

    it('are the same anchors when the trees are built in slices', async () => {
      const [before] = round(undefined, ['x'], 1);
      const streams = Array.from({ length: 250 }, (_, i) => `s-${i}`);
      const heads = new Map(streams.map((stream, i) => [stream, { revision: i, hash: stream.padEnd(64, 'f') }]));
      const plan = {
        previous: before,
        heads,
        throughPosition: 2n,
        checkpoint: '2:2',
        anchoredAt: at(2),
        maxLeaves: 100,
      };
      const sliced = await planAnchorsInSlices(plan, key, 16);
      expect(sliced).toEqual(planAnchors(plan, key));
      expect(sliced.map((anchor) => anchor.leafCount)).toEqual([100, 100, 50]);
    });
  });

  describe('when the chain is checked', () => {
    it('accepts an intact chain, and the same anchor sent twice', () => {
      const anchors = chainOf(4);
      const verdict = verifyAnchorChain([...anchors.slice(0, 2), anchors[1]!, ...anchors.slice(2)], key.verifyKey, {
        fromStart: true,
      });
      expect(verdict).toMatchObject({ ok: true, anchors: 4, problems: [] });
      expect(verdict.trusted).toHaveLength(4);
    });

    it('names an anchor whose content was altered', () => {
      const anchors = chainOf(3);
      const altered = { ...anchors[1]!, merkleRoot: 'e'.repeat(64) };
      const verdict = verifyAnchorChain([anchors[0]!, altered, anchors[2]!], key.verifyKey, { fromStart: true });
      expect(verdict.problems).toEqual([
        expect.objectContaining({ sequence: 1, kind: 'defect', message: expect.stringMatching(/hash does not match/) }),
      ]);
      expect(verdict.trusted.map((anchor) => anchor.sequence)).toEqual([0, 2]);
    });

    it('names an altered signature, and an anchor re-hashed to fit its new content', () => {
      const anchors = chainOf(3);
      const signature = Buffer.from(anchors[1]!.signature, 'base64');
      signature[3] = (signature[3] ?? 0) ^ 1;
      const badSignature = { ...anchors[1]!, signature: signature.toString('base64') };
      expect(
        verifyAnchorChain([anchors[0]!, badSignature], key.verifyKey, { fromStart: true }).problems[0]?.message,
      ).toMatch(/anchor #1 .*signature does not verify/);
      // Re-signed with another key: under the trusted key's id it does not verify, under its own id it is not trusted.
      const forged = { ...signAnchorBody({ ...anchors[1]!, leafCount: 2 }, otherKey), leaves: anchors[1]!.leaves };
      const ownId = {
        ...signAnchorBody({ ...anchors[1]!, keyId: otherKey.verifyKey.keyId }, otherKey),
        leaves: anchors[1]!.leaves,
      };
      const messages = [forged, ownId].map(
        (anchor) => verifyAnchorChain([anchors[0]!, anchor], key.verifyKey, { fromStart: true }).problems[0]?.message,
      );
      expect(messages).toEqual([
        expect.stringMatching(/signature does not verify/),
        expect.stringMatching(/not the trusted key/),
      ]);
    });

    it('names leaves that do not give the signed root', () => {
      const anchors = chainOf(2);
      const swapped = { ...anchors[1]!, leaves: [...anchors[1]!.leaves].reverse() };
      expect(
        verifyAnchorChain([anchors[0]!, swapped], key.verifyKey, { fromStart: true }).problems[0]?.message,
      ).toMatch(/leaves do not give its Merkle root/);
    });

    it('names a missing anchor, a missing start, a broken link and a fork', () => {
      const anchors = chainOf(4);
      const check = (list: Anchor[]) =>
        verifyAnchorChain(list, key.verifyKey, { fromStart: true }).problems.map((p) => p.kind);
      expect(check([anchors[0]!, anchors[2]!, anchors[3]!])).toEqual(['gap']);
      expect(check(anchors.slice(1))).toEqual(['gap']);
      const relinked = {
        ...signAnchorBody({ ...anchors[2]!, previous: 'd'.repeat(64) }, key),
        leaves: anchors[2]!.leaves,
      };
      expect(check([anchors[0]!, anchors[1]!, relinked])).toEqual(['link']);
      const twin = round(anchors[0], ['other'], 9)[0]!;
      expect(check([anchors[0]!, anchors[1]!, twin])).toEqual(['fork']);
    });

    it('trusts a key given as its public half', () => {
      const verifyKey = parseVerifyKey(key.verifyKey.encoded);
      expect(verifyKey.keyId).toBe(key.verifyKey.keyId);
      expect(verifyAnchorChain(chainOf(2), verifyKey, { fromStart: true }).ok).toBe(true);
    });
  });
});
