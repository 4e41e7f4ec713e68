/**
 * A few composable shape rules, so the directory's schema reads as data (directory.schema.ts) and every
 * finding carries the path it was found at. Chosen over class-validator because the errors must name YAML
 * paths (`customers[2].contacts[0].email`), which class-validator's nested errors make awkward to rebuild.
 */
export type Path = readonly (string | number)[];

export interface Finding {
  readonly path: Path;
  readonly message: string;
}

export type Rule = (value: unknown, path: Path) => Finding[];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const fail = (path: Path, message: string): Finding[] => [{ path, message }];

export const text =
  (check?: { pattern: RegExp; message: string }): Rule =>
  (value, path) => {
    if (typeof value !== 'string' || value.trim() === '') return fail(path, 'must be a non-empty string');
    if (check && !check.pattern.test(value)) return fail(path, check.message);
    return [];
  };

export const oneOf =
  (values: readonly string[]): Rule =>
  (value, path) =>
    typeof value === 'string' && values.includes(value) ? [] : fail(path, `must be one of ${values.join(', ')}`);

export const integer =
  (min: number, max = Number.MAX_SAFE_INTEGER): Rule =>
  (value, path) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? []
      : fail(path, `must be a whole number from ${min}${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`}`);

export const positiveNumber: Rule = (value, path) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? [] : fail(path, 'must be a number ≥ 0');

export const boolean: Rule = (value, path) => (typeof value === 'boolean' ? [] : fail(path, 'must be true or false'));

/** A YAML timestamp arrives as a string here (parsed without the yaml-1.1 timestamp tag). */
export const instant: Rule = (value, path) =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
    ? []
    : fail(path, 'must be an ISO-8601 instant with an offset (2026-11-22T04:00:00Z)');

export const list =
  (item: Rule, options: { min?: number } = {}): Rule =>
  (value, path) => {
    if (!Array.isArray(value)) return fail(path, 'must be a list');
    if (value.length < (options.min ?? 0)) return fail(path, `must have at least ${options.min} item(s)`);
    return value.flatMap((element, index) => item(element, [...path, index]));
  };

/** Fields not named are refused: a typo (`ownerteam`) must not pass as an absent optional field. */
export const object =
  (fields: Record<string, Rule>, optional: readonly string[] = []): Rule =>
  (value, path) => {
    if (!isRecord(value)) return fail(path, 'must be a mapping');
    const unknown = Object.keys(value)
      .filter((key) => !(key in fields))
      .map((key) => ({ path: [...path, key], message: 'unknown field' }));
    const known = Object.entries(fields).flatMap(([key, rule]) => {
      if (value[key] === undefined) return optional.includes(key) ? [] : fail([...path, key], 'is required');
      return rule(value[key], [...path, key]);
    });
    return [...known, ...unknown];
  };

export const EMAIL = { pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, message: 'not an email' };
export const URL_PATTERN = { pattern: /^https?:\/\/\S+$/, message: 'not an http(s) URL' };
export const ROUTING_KEY = { pattern: /^[A-Za-z0-9_-]{8,255}$/, message: 'not a PagerDuty routing key' };
export const ID = { pattern: /^[a-z0-9][a-z0-9-]*$/, message: 'must be lower-case letters, digits and dashes' };
export const CURRENCY = { pattern: /^[A-Z]{3}$/, message: 'must be an ISO 4217 code (EUR)' };
