import { TailCache } from './tail-cache';

describe('TailCache', () => {
  it('answers only for the exact revision it last saw of a stream', () => {
    const cache = new TailCache();
    cache.remember('incident-1', { revision: 3, hash: 'h3' });
    expect(cache.hashAt('incident-1', 3)).toBe('h3');
    expect(cache.hashAt('incident-1', 2)).toBeUndefined();
    expect(cache.hashAt('incident-1', 4)).toBeUndefined();
    expect(cache.hashAt('incident-2', 3)).toBeUndefined();
  });

  it('keeps the newest revision: an older one seen later (a slow read) does not replace it', () => {
    const cache = new TailCache();
    cache.remember('incident-1', { revision: 5, hash: 'h5' });
    cache.remember('incident-1', { revision: 4, hash: 'h4' });
    expect(cache.hashAt('incident-1', 5)).toBe('h5');
    cache.remember('incident-1', { revision: 6, hash: 'h6' });
    expect(cache.hashAt('incident-1', 6)).toBe('h6');
  });

  it('forgets the least recently used stream beyond its capacity', () => {
    const cache = new TailCache(2);
    cache.remember('a', { revision: 0, hash: 'a0' });
    cache.remember('b', { revision: 0, hash: 'b0' });
    expect(cache.hashAt('a', 0)).toBe('a0'); // a is now the most recently used
    cache.remember('c', { revision: 0, hash: 'c0' });
    expect(cache.hashAt('b', 0)).toBeUndefined();
    expect(cache.hashAt('a', 0)).toBe('a0');
    expect(cache.hashAt('c', 0)).toBe('c0');
  });
});
