import {
  compareEventStoreDbPositions,
  formatEventStoreDbCheckpoint,
  parseEventStoreDbCheckpoint,
} from './eventstoredb-checkpoint';

const U64_MAX = 0xffff_ffff_ffff_ffffn;

describe('EventStoreDB checkpoints', () => {
  it.each([
    { commit: 0n, prepare: 0n },
    { commit: 1_234n, prepare: 1_234n },
    { commit: 9_876_543_210n, prepare: 9_876_543_000n },
    // Beyond Number.MAX_SAFE_INTEGER: positions are 64-bit and must survive as bigints, not doubles.
    { commit: U64_MAX, prepare: U64_MAX - 1n },
  ])('round-trips %p', (position) => {
    const checkpoint = formatEventStoreDbCheckpoint(position);
    expect(checkpoint).toBe(`${position.commit}:${position.prepare}`);
    expect(parseEventStoreDbCheckpoint(checkpoint)).toEqual(position);
  });

  it.each([
    '',
    '12',
    '12:',
    ':12',
    '1:2:3',
    '-1:0',
    '1.5:2',
    ' 1:2',
    '1:2 ',
    '01:2',
    '1:02',
    'a:b',
    '0x10:0',
    `${U64_MAX + 1n}:0`,
    `0:${U64_MAX + 1n}`,
  ])('rejects %p', (garbage) => {
    expect(() => parseEventStoreDbCheckpoint(garbage)).toThrow(/not an EventStoreDB event store checkpoint/);
  });

  it('orders positions by commit, then prepare', () => {
    const sorted = [
      { commit: 2n, prepare: 1n },
      { commit: 1n, prepare: 1n },
      { commit: 2n, prepare: 2n },
      { commit: 10n, prepare: 0n },
    ].sort(compareEventStoreDbPositions);
    expect(sorted.map(formatEventStoreDbCheckpoint)).toEqual(['1:1', '2:1', '2:2', '10:0']);
    expect(compareEventStoreDbPositions({ commit: 5n, prepare: 5n }, { commit: 5n, prepare: 5n })).toBe(0);
  });
});
