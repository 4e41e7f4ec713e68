import { IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * Several class-validator decorators as one. Stacked decorators apply bottom first; these do too, so a bad field's
 * messages come in the same order as when they were written out above the property.
 */
function validators(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, property) => {
    for (const decorate of [...decorators].reverse()) decorate(target, property);
  };
}

/** A name, key or line of text that must be there: a non-empty string of at most `maxLength` characters. */
export const IsNonEmptyText = (maxLength: number): PropertyDecorator =>
  validators(IsString(), IsNotEmpty(), MaxLength(maxLength));

/** A string that may be left out. */
export const IsOptionalText = (): PropertyDecorator => validators(IsOptional(), IsString());

/** A map that may be left out (labels, annotations, details): an object whose values are not checked. */
export const IsOptionalObject = (): PropertyDecorator => validators(IsOptional(), IsObject());
