/**
 * One environment variable: its name, what it means, its default and how its text becomes a typed value.
 * `parse` throws an Error whose message says what is wrong; the loader collects every such message.
 */
export interface Variable<T> {
  readonly name: string;
  readonly description: string;
  /** Text used when the variable is unset or empty; no default means the variable is required. */
  readonly default?: string;
  /** Optional variables without a default parse to undefined when unset. */
  readonly optional?: boolean;
  /** Secret values are never echoed back in error messages or logs. */
  readonly secret?: boolean;
  readonly parse: (raw: string) => T;
}

export function variable<T>(spec: Variable<T>): Variable<T> {
  return spec;
}

export const parsers = {
  text: (raw: string): string => raw,

  integer:
    (min: number, max: number) =>
    (raw: string): number => {
      if (!/^-?\d+$/.test(raw)) throw new Error(`must be a whole number, got "${raw}"`);
      const value = Number(raw);
      if (value < min || value > max) throw new Error(`must be between ${min} and ${max}, got ${value}`);
      return value;
    },

  oneOf:
    <T extends string>(choices: readonly T[]) =>
    (raw: string): T => {
      if (!(choices as readonly string[]).includes(raw)) {
        throw new Error(`must be one of ${choices.join(', ')}, got "${raw}"`);
      }
      return raw as T;
    },

  url:
    (protocols: readonly string[]) =>
    (raw: string): string => {
      let parsed: URL;
      try {
        parsed = new URL(raw);
      } catch {
        throw new Error(`must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
      }
      if (!protocols.includes(parsed.protocol)) {
        throw new Error(`must use ${protocols.join(' or ')}, got ${parsed.protocol}`);
      }
      return raw;
    },

  brokerList: (raw: string): string[] => {
    const brokers = raw
      .split(',')
      .map((broker) => broker.trim())
      .filter((broker) => broker.length > 0);
    if (brokers.length === 0) throw new Error('must list at least one host:port');
    const bad = brokers.filter((broker) => !/^[^\s:/]+:\d{1,5}$/.test(broker));
    if (bad.length > 0) throw new Error(`each broker must be host:port, not ${bad.join(', ')}`);
    return brokers;
  },

  secret:
    (minLength: number) =>
    (raw: string): string => {
      if (raw.length < minLength) throw new Error(`must be at least ${minLength} characters long`);
      return raw;
    },
};
