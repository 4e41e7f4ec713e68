import { RecentlyUsed } from './recently-used';

describe('RecentlyUsed', () => {
  it('keeps at most its capacity, dropping the oldest entry not used since', () => {
    const cache = new RecentlyUsed<number>(3);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.get('a')).toBe(1); // a used: it survives the next sweep
    cache.set('d', 4);
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual([1, 3, 4]);
  });

  it('gives a used entry one more round, not more: unused since the sweep passed it, it goes', () => {
    const cache = new RecentlyUsed<string>(2);
    cache.set('hot', 'h');
    cache.set('x', 'x');
    cache.get('hot');
    cache.set('y', 'y'); // sweep: hot moved back (unmarked), x dropped
    cache.set('z', 'z'); // sweep: hot is oldest and unmarked now
    expect(cache.get('hot')).toBeUndefined();
    expect([cache.get('y'), cache.get('z')]).toEqual(['y', 'z']);
  });

  it('makes room even when every entry was used', () => {
    const cache = new RecentlyUsed<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.get('b');
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('c')).toBe(3);
    expect(cache.get('a')).toBeUndefined();
  });

  it('rewrites a value in place and refuses a capacity below one', () => {
    const cache = new RecentlyUsed<number>(1);
    cache.set('a', 1);
    cache.set('a', 2);
    expect(cache.get('a')).toBe(2);
    expect(() => new RecentlyUsed(0)).toThrow('capacity must be at least 1');
  });

  it('keeps a key used between insertions through 10,000 new keys, and never grows past its capacity', () => {
    const cache = new RecentlyUsed<number>(100);
    cache.set('hot', -1);
    for (let n = 0; n < 10_000; n += 1) {
      cache.set(`new-${n}`, n);
      expect(cache.get('hot')).toBe(-1);
      if (cache.size > 100) throw new Error(`size ${cache.size} after ${n}`);
    }
    expect(cache.get('new-9999')).toBe(9999);
    expect(cache.get('new-0')).toBeUndefined();
  });
});
