import { canonicalJson } from './canonical-json';

/** The definition written out the slow way (sort every object's keys, build the text): the fast path must agree. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('non-finite');
    if (typeof value === 'bigint') return JSON.stringify(value.toString());
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((item: unknown) => reference(item ?? null)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .filter((key) => record[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${reference(record[key])}`);
  return `{${members.join(',')}}`;
}

/** A small deterministic generator, so a failure names a seed that reproduces it. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

const KEYS = ['a', 'b', 'B', 'aa', '_', 'z', 'é', '0', '7', '10', '01', 'hash', 'prevHash', 'data', ''];

function value(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 2 ? 6 : 9));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return next() < 0.5;
    case 2:
      return Math.round(next() * 2000 - 1000) / (next() < 0.5 ? 1 : 8);
    case 3:
      return `s${Math.floor(next() * 100)}"\\\u2028`;
    case 4:
      return undefined;
    case 5:
      return '';
    case 6:
      return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
    default: {
      const keys = KEYS.filter(() => next() < 0.35);
      // Half the objects with their keys already in order, the shape the fast path takes.
      if (next() < 0.5) keys.sort();
      const object: Record<string, unknown> = {};
      for (const key of keys) object[key] = value(next, depth + 1);
      return object;
    }
  }
}

describe('canonicalJson', () => {
  it('writes what the slow definition writes, for 5,000 generated values (sorted, unsorted, nested, index keys)', () => {
    for (let seed = 1; seed <= 5000; seed += 1) {
      const generated = value(random(seed), 0);
      expect([seed, canonicalJson(generated)]).toEqual([seed, reference(generated)]);
    }
  });

  it('sorts keys at every depth and skips undefined members, whether or not the keys came in order', () => {
    expect(canonicalJson({ a: 1, b: { c: [1, undefined, { e: 2, d: 1 }] } })).toBe(
      '{"a":1,"b":{"c":[1,null,{"d":1,"e":2}]}}',
    );
    expect(canonicalJson({ b: 1, a: undefined })).toBe('{"b":1}');
  });

  it('does not let JSON.stringify decide for what it writes differently: toJSON, class instances, index keys', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(canonicalJson({ at })).toBe('{"at":{}}');
    expect(canonicalJson({ a: { toJSON: () => 'x' } })).toBe('{"a":{"toJSON":null}}');
    expect(canonicalJson({ b: 1, 10: 'ten', 9: 'nine' })).toBe('{"10":"ten","9":"nine","b":1}');
    expect(canonicalJson([1n])).toBe('["1"]');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow('non-finite');
    expect(() => canonicalJson([Infinity])).toThrow('non-finite');
  });
});
