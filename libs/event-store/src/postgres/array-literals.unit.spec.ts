import { createRequire } from 'node:module';
import { integerArray, textArray } from './array-literals';

// pg's own writer of parameters, the reference: an internal module of pg's, without type declarations.
const { prepareValue } = createRequire(__filename)('pg/lib/utils') as { prepareValue: (value: unknown) => unknown };

describe('array literals for pg parameters', () => {
  it('writes text[] as pg itself would, quotes and backslashes included', () => {
    const values = ['incident-1', 'alertgroup-ab', '', 'a"b', 'c\\d', '{x,y}', 'é ü', 'NULL', ' spaced '];
    expect(textArray(values)).toBe(prepareValue(values));
    expect(textArray([])).toBe(prepareValue([]));
  });

  it('writes integer[] unquoted (pg quotes each number; PostgreSQL reads both alike), refusing non-integers', () => {
    expect(integerArray([1, 0, -3, 42])).toBe('{1,0,-3,42}');
    expect(integerArray([])).toBe('{}');
    expect(() => integerArray([1.5])).toThrow('not an integer');
    expect(() => integerArray([Number.NaN])).toThrow('not an integer');
  });
});
