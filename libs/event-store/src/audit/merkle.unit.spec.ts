import { leafHash, merkleProof, merkleRoot, rootFromProof, type AnchorLeaf } from './merkle';

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

  it('refuses to build an empty tree or prove a leaf it does not have', () => {
    expect(() => merkleRoot([])).toThrow(/at least one leaf/);
    expect(() => merkleProof(leaves(2), 2)).toThrow(/no leaf 2/);
  });
});
