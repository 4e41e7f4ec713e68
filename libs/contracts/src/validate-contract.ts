import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';

export type Validated<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: string[] };

function flatten(errors: readonly ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent === '' ? error.property : `${parent}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/**
 * Checks a plain object against a contract's class and names every bad field at once (`path: message`), the same
 * way for an HTTP body, a Kafka record and a command line, so every edge reports a bad field alike.
 */
export async function validateContract<T extends object>(
  type: ClassConstructor<T>,
  plain: object,
): Promise<Validated<T>> {
  const value = plainToInstance(type, plain);
  const errors = await validate(value, { forbidUnknownValues: false });
  return errors.length === 0 ? { ok: true, value } : { ok: false, errors: flatten(errors) };
}
