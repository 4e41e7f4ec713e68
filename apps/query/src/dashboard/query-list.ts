import type { TransformFnParams } from 'class-transformer';

/** `?status=a,b` and `?status=a&status=b` both become ['a', 'b']; anything else is left for the validators. */
export function commaSeparated({ value }: TransformFnParams): unknown {
  const parts = (Array.isArray(value) ? value : [value]).flatMap((part: unknown) =>
    typeof part === 'string' ? part.split(',') : [part],
  );
  return parts.map((part) => (typeof part === 'string' ? part.trim() : part)).filter((part) => part !== '');
}

/** Query strings carry text: only the words true and false are booleans; anything else fails validation. */
export function booleanWord({ value }: TransformFnParams): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}
