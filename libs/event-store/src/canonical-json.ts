/**
 * JSON with object keys sorted at every depth and no whitespace, so the same value always gives the same
 * text, whatever order its keys were written or stored in (PostgreSQL's jsonb reorders them).
 *
 * Every appended event is hashed through here, on the append's hot path. A value whose objects are plain and
 * already have their keys in order (the store writes its metadata so; much event data is) is exactly what
 * JSON.stringify writes, which is native and several times faster than building the text here: checked first,
 * without allocating, and the slow way taken only below the first object out of order.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`cannot hash a non-finite number`);
    if (typeof value === 'bigint') return JSON.stringify(value.toString());
    return JSON.stringify(value) ?? 'null';
  }
  if (inCanonicalOrder(value)) return JSON.stringify(value);
  // Plain loops and string concatenation, for the values JSON.stringify would not write canonically.
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index += 1) {
      if (index > 0) text += ',';
      text += canonicalJson((value[index] as unknown) ?? null);
    }
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let text = '{';
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    if (text.length > 1) text += ',';
    text += `${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${text}}`;
}

/**
 * Whether JSON.stringify writes this value as canonicalJson does: arrays and plain objects (no toJSON, no class
 * instances such as Date, no array-index keys, which objects list first whatever their order) with keys in
 * ascending UTF-16 order, holding only strings, booleans, finite numbers, null and (as object members, skipped by
 * both, or array items, null in both) undefined.
 */
function inCanonicalOrder(value: object): boolean {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      if (!canonicalItem(value[index] as unknown)) return false;
    }
    return true;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  let previous: string | undefined;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) return false;
    if (previous !== undefined && !(previous < key)) return false;
    if (isIndexKey(key)) return false;
    previous = key;
    if (!canonicalItem((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

function canonicalItem(item: unknown): boolean {
  switch (typeof item) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return true;
    case 'number':
      return Number.isFinite(item);
    case 'object':
      return item === null || inCanonicalOrder(item);
    default:
      return false;
  }
}

/** Keys objects enumerate before all others in ascending numeric order ("0", "7", "42"). */
function isIndexKey(key: string): boolean {
  const first = key.charCodeAt(0);
  return first >= 48 && first <= 57 && /^(0|[1-9]\d*)$/.test(key);
}
