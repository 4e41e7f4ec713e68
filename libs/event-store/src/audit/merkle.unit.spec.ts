import { leafHash, merkleProof, merkleRoot, merkleRootInSlices, rootFromProof, type AnchorLeaf } from './merkle';

const leaves = (count: number): AnchorLeaf[] =>
  Array.from({ length: count }, (_, i) => ({
    streamId: `incident-${i}`,
    revision: i,
    hash: String(i).padStart(64, 'a'),
  }));

describe('Merkle tree over stream heads', () => {
  it('has the leaf hash as root for a single leaf, and an empty proof', () => {
    const [only] = leaves(1);
    expect(merkleRoot([only!])).toBe(leafHash(only!));
    expect(merkleProof([only!], 0)).toEqual([]);
  });

  it.each([2, 3, 5, 8, 13, 100])('proves every leaf of a %i-leaf tree against its root', (count) => {
    const all = leaves(count);
    const root = merkleRoot(all);
    const recomputed = all.map((leaf, index) => rootFromProof(leaf, merkleProof(all, index)));
    expect(recomputed).toEqual(all.map(() => root));
  });

  it('gives another root when a leaf changes revision or hash, or leaves change order', () => {
    const all = leaves(5);
    const root = merkleRoot(all);
    expect(merkleRoot([...all.slice(0, 4), { ...all[4]!, revision: 40 }])).not.toBe(root);
    expect(merkleRoot([...all.slice(0, 4), { ...all[4]!, hash: 'b'.repeat(64) }])).not.toBe(root);
    expect(merkleRoot([all[1]!, all[0]!, ...all.slice(2)])).not.toBe(root);
  });

  it('does not let an odd leaf be duplicated into the same root (CVE-2012-2459)', () => {
    const three = leaves(3);
    expect(merkleRoot([...three, three[2]!])).not.toBe(merkleRoot(three));
  });

  it('refuses a proof used for another leaf', () => {
    const all = leaves(6);
    expect(rootFromProof(all[3]!, merkleProof(all, 2))).not.toBe(merkleRoot(all));
  });

  // Roots as anchors already published have them: a change in how nodes are hashed would orphan every anchor.
  it('keeps the roots and proofs of anchors already published', () => {
    expect(merkleRoot(leaves(2))).toBe('68964dcb3c6a82d1c82f9c805b7c2ce23605bb3e9e09a993489ada9d41704c2a');
    expect(merkleRoot(leaves(13))).toBe('413283bfc78c4b8e7538f89ff8a6f856a0ab81f59c59890c6ce4ce9d2dbd7631');
    expect(merkleProof(leaves(13), 6).map((step) => `${step.side} ${step.hash.slice(0, 8)}`)).toEqual([
      'right a9ff4dd0',
      'left dd4f15f9',
      'left cbd43d4e',
      'right acad4b79',
    ]);
  });

  it.each([1, 2, 3, 7, 13, 100, 1000])('gives the same root in slices for %i leaves', async (count) => {
    const all = leaves(count);
    await expect(merkleRootInSlices(all, 3)).resolves.toBe(merkleRoot(all));
    await expect(merkleRootInSlices(all, 64)).resolves.toBe(merkleRoot(all));
  });

  it('refuses to build an empty tree or prove a leaf it does not have', async () => {
    expect(() => merkleRoot([])).toThrow(/at least one leaf/);
    expect(() => merkleProof(leaves(2), 2)).toThrow(/no leaf 2/);
    await expect(merkleRootInSlices([], 8)).rejects.toThrow(/at least one leaf/);
  });
});
