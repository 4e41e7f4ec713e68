import type { Directory } from './directory';
import { crossReferenceFindings } from './schema/cross-references';
import { directorySchema } from './schema/directory.schema';
import { type ConfigError, formatConfigError, parseYamlConfig } from './yaml-config';

export type DirectoryError = ConfigError;

export type ParsedDirectory = { readonly directory: Directory } | { readonly errors: readonly DirectoryError[] };

/** `directory.yaml:42 customers[2].contacts[0].email: not an email`: what the CLI and the API print. */
export const formatDirectoryError = formatConfigError;

const withDefaults = (value: Record<string, unknown>): Directory =>
  ({ schedules: [], maintenanceWindows: [], ...value }) as unknown as Directory;

const fillOptionalLists = (value: Record<string, unknown>): Directory => {
  const directory = withDefaults(value);
  return {
    ...directory,
    customers: directory.customers.map((c) => ({ ...c, availabilityNotifications: c.availabilityNotifications ?? [] })),
    schedules: directory.schedules.map((s) => ({ ...s, overrides: s.overrides ?? [] })),
  };
};

/**
 * Parses and validates a directory file. Pure: the text in, the directory or every error out (shape errors
 * first; cross-references only once the shape holds, since they assume it).
 */
export function parseDirectory(text: string, fileName: string): ParsedDirectory {
  const parsed = parseYamlConfig(text, fileName, directorySchema, (value) => {
    const directory = fillOptionalLists(value);
    const references = crossReferenceFindings(directory);
    return references.length > 0 ? references : { value: directory };
  });
  return 'errors' in parsed ? parsed : { directory: parsed.value };
}
