import type { FieldCheck } from './field-check';

/** One field's check, given the field's name and value. */
export type FieldRule = (check: FieldCheck, field: string, value: unknown) => void;

export const text: FieldRule = (c, field, value) => c.text(field, value);
export const optionalText: FieldRule = (c, field, value) => c.optionalText(field, value);
export const timestamp: FieldRule = (c, field, value) => c.timestamp(field, value);
export const date: FieldRule = (c, field, value) => c.date(field, value);
export const boolean: FieldRule = (c, field, value) => c.boolean(field, value);
export const finite: FieldRule = (c, field, value) => c.finite(field, value);
export const labels: FieldRule = (c, field, value) => c.labels(field, value);
export const actor: FieldRule = (c, field, value) => c.actor(field, value);
export const oneOf =
  (allowed: readonly string[]): FieldRule =>
  (c, field, value) =>
    c.oneOf(field, value, allowed);
export const optionalOneOf =
  (allowed: readonly string[]): FieldRule =>
  (c, field, value) =>
    c.optionalOneOf(field, value, allowed);
export const integer =
  (min: number): FieldRule =>
  (c, field, value) =>
    c.integer(field, value, min);
/** A list whose every item passes `rule`, named `field[index]`. */
export const listOf =
  (rule: FieldRule): FieldRule =>
  (c, field, value) => {
    if (!Array.isArray(value)) return c.fail(field, 'must be a list');
    value.forEach((item, index) => rule(c, `${field}[${index}]`, item));
  };
/** The rule, but only when the field is there. */
export const optional =
  (rule: FieldRule): FieldRule =>
  (c, field, value) => {
    if (value !== undefined) rule(c, field, value);
  };

/**
 * Most commands are a flat list of fields, each with one rule: written as a table, in the order the checks run,
 * so the first bad field is still the one the error names (object keys keep their insertion order).
 */
export const fields =
  <D>(rules: { readonly [K in keyof NoInfer<D> & string]?: FieldRule }) =>
  (data: D, check: FieldCheck): void => {
    for (const [field, rule] of Object.entries(rules) as [keyof D & string, FieldRule][]) {
      rule(check, field, data[field]);
    }
  };
