import { IncidentValidationError } from './incident-errors';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Field checks for one command; the first failure throws IncidentValidationError naming the field. */
export class FieldCheck {
  constructor(private readonly commandType: string) {}

  fail(field: string, problem: string): never {
    throw new IncidentValidationError(this.commandType, field, problem);
  }

  text(field: string, value: unknown): void {
    if (typeof value !== 'string' || value.trim() === '') this.fail(field, 'must be a non-empty string');
  }

  optionalText(field: string, value: unknown): void {
    if (value !== undefined) this.text(field, value);
  }

  timestamp(field: string, value: unknown): void {
    if (typeof value !== 'string' || !TIMESTAMP.test(value) || Number.isNaN(Date.parse(value))) {
      this.fail(field, 'must be an ISO-8601 timestamp with a zone');
    }
  }

  date(field: string, value: unknown): void {
    const valid =
      typeof value === 'string' && (DATE.test(value) || TIMESTAMP.test(value)) && !Number.isNaN(Date.parse(value));
    if (!valid) this.fail(field, 'must be a date (YYYY-MM-DD) or an ISO-8601 timestamp');
  }

  oneOf(field: string, value: unknown, allowed: readonly string[]): void {
    if (typeof value !== 'string' || !allowed.includes(value)) this.fail(field, `must be one of ${allowed.join(', ')}`);
  }

  optionalOneOf(field: string, value: unknown, allowed: readonly string[]): void {
    if (value !== undefined) this.oneOf(field, value, allowed);
  }

  integer(field: string, value: unknown, min: number): void {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
      this.fail(field, `must be an integer of at least ${min}`);
    }
  }

  labels(field: string, value: unknown): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(field, 'must be an object');
    for (const [key, label] of Object.entries(value)) {
      if (key.trim() === '' || typeof label !== 'string')
        this.fail(`${field}.${key}`, 'must be a string under a non-empty key');
    }
  }

  boolean(field: string, value: unknown): void {
    if (typeof value !== 'boolean') this.fail(field, 'must be true or false');
  }

  finite(field: string, value: unknown): void {
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(field, 'must be a finite number');
  }

  matches(field: string, value: unknown, pattern: RegExp, problem: string): void {
    if (typeof value !== 'string' || !pattern.test(value)) this.fail(field, problem);
  }

  /** The caller as authenticated: an id and its roles. */
  actor(field: string, value: unknown): void {
    if (typeof value !== 'object' || value === null) this.fail(field, 'must be an object with id and roles');
    const { id, roles } = value as { id?: unknown; roles?: unknown };
    this.text(`${field}.id`, id);
    if (!Array.isArray(roles)) this.fail(`${field}.roles`, 'must be a list');
    roles.forEach((role, index) => this.text(`${field}.roles[${index}]`, role));
  }
}
