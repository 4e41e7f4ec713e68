import type { ClassConstructor } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, type MetadataStorage, type ValidationArguments, ValidationTypes } from 'class-validator';
import { validateContract, type Validated } from './validate-contract';

type ValidationMetadata = ReturnType<MetadataStorage['getTargetValidationMetadatas']>[number];

/** A compiled check: true only when class-validator would find nothing wrong with the plain object. */
type Accepts = (plain: Record<string, unknown>) => boolean;
type Check = (object: Record<string, unknown>, value: unknown) => boolean;

/** Thrown while compiling: the contract uses something this compiler does not reproduce. */
class NotCompilable extends Error {}

const isArrayLike = (value: unknown): boolean => Array.isArray(value) || value instanceof Set || value instanceof Map;
const itemsOf = (value: unknown): unknown[] =>
  value instanceof Map ? [...value.values()] : value instanceof Set ? [...value] : (value as unknown[]);
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One class-validator constraint as a function, run the way ValidationExecutor.customValidations runs it. */
function constraintCheck(type: ClassConstructor<object>, metadata: ValidationMetadata): Check {
  const storage = getMetadataStorage();
  const constraints = storage.getTargetValidatorConstraints(metadata.constraintCls);
  if (constraints.length === 0 || constraints.some((constraint) => constraint.async)) throw new NotCompilable();
  const validators = constraints.map((constraint) => constraint.instance);
  return (object, value) => {
    if (metadata.validateIf && !metadata.validateIf(object, value)) return true;
    const args: ValidationArguments = {
      targetName: type.name,
      property: metadata.propertyName,
      object,
      value,
      constraints: metadata.constraints,
    };
    for (const validator of validators) {
      const items = metadata.each && isArrayLike(value) ? itemsOf(value) : [value];
      for (const item of items) {
        const valid = validator.validate(item, args);
        // An async answer cannot be had here: let class-validator decide.
        if (valid !== true) return false;
      }
    }
    return true;
  };
}

/** @ValidateNested with class-transformer's @Type: objects (or arrays of them) checked against the nested class. */
function nestedCheck(type: ClassConstructor<object>, metadata: ValidationMetadata): Check {
  const typed = defaultMetadataStorage.findTypeMetadata(type, metadata.propertyName);
  if (!typed || typed.options?.discriminator) throw new NotCompilable();
  const nested = typed.typeFunction() as ClassConstructor<object> | undefined;
  if (typeof nested !== 'function') throw new NotCompilable();
  const accepts = compile(nested);
  return (_object, value) => {
    if (value === undefined) return true;
    // Only plain objects: class-transformer would turn them into the nested class, which is what is checked.
    if (Array.isArray(value)) return value.every((item) => isPlainObject(item) && accepts(item));
    return isPlainObject(value) && accepts(value);
  };
}

function propertyCheck(type: ClassConstructor<object>, metadatas: readonly ValidationMetadata[]): Check {
  const conditions: Check[] = [];
  const checks: Check[] = [];
  for (const metadata of metadatas) {
    switch (metadata.type) {
      case ValidationTypes.CONDITIONAL_VALIDATION: {
        const condition = metadata.constraints[0] as (object: unknown, value: unknown) => boolean;
        conditions.push((object, value) => condition(object, value));
        break;
      }
      case ValidationTypes.IS_DEFINED:
      case ValidationTypes.CUSTOM_VALIDATION:
        checks.push(constraintCheck(type, metadata));
        break;
      case ValidationTypes.NESTED_VALIDATION:
        checks.push(nestedCheck(type, metadata));
        break;
      default:
        throw new NotCompilable();
    }
  }
  return (object, value) =>
    !conditions.every((condition) => condition(object, value)) || checks.every((check) => check(object, value));
}

function compile(type: ClassConstructor<object>): Accepts {
  const storage = getMetadataStorage();
  const metadatas = storage.getTargetValidationMetadatas(type, '', false, false);
  // Groups and `always` change which checks run; forbidUnknownValues (off here) would refuse a class with none.
  if (metadatas.some((metadata) => metadata.always !== undefined || (metadata.groups?.length ?? 0) > 0)) {
    throw new NotCompilable();
  }
  const properties = Object.entries(storage.groupByPropertyName(metadatas)).map(
    ([name, grouped]) => [name, propertyCheck(type, grouped)] as const,
  );
  return (plain) => properties.every(([name, check]) => check(plain, plain[name]));
}

const compiled = new WeakMap<ClassConstructor<object>, Accepts | null>();

function compiledFor(type: ClassConstructor<object>): Accepts | null {
  if (!compiled.has(type)) {
    try {
      compiled.set(type, compile(type));
    } catch (error) {
      if (!(error instanceof NotCompilable)) throw error;
      compiled.set(type, null);
    }
  }
  return compiled.get(type) ?? null;
}

/**
 * validateContract, with the contract's checks compiled once into plain functions: a valid object (the common
 * case on a hot path: every alert of a storm) is accepted without class-transformer's copy or class-validator's
 * per-call metadata walk, and comes back as the plain object itself (the contracts are data, no methods). Anything
 * the compiled checks do not accept goes through validateContract, so what is refused, and the messages naming
 * each bad field, are exactly validateContract's. A contract using a feature the compiler does not reproduce
 * (groups, async or discriminated types) always goes through validateContract.
 */
export async function validateCompiled<T extends object>(
  type: ClassConstructor<T>,
  plain: object,
): Promise<Validated<T>> {
  const accepts = compiledFor(type);
  if (accepts && isPlainObject(plain) && accepts(plain)) return { ok: true, value: plain as T };
  return validateContract(type, plain);
}

/** Whether the compiled checks accept `plain` (null: the contract could not be compiled). For tests. */
export function compiledAccepts(type: ClassConstructor<object>, plain: object): boolean | null {
  const accepts = compiledFor(type);
  return accepts ? isPlainObject(plain) && accepts(plain) : null;
}
