import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { Directory } from './directory';
import { crossReferenceFindings } from './schema/cross-references';
import { directorySchema } from './schema/directory.schema';
import type { Finding, Path } from './schema/rules';

export interface DirectoryError {
  readonly file: string;
  readonly line: number;
  /** `customers[2].contacts[0].email`; empty for the document itself. */
  readonly path: string;
  readonly message: string;
}

export type ParsedDirectory = { readonly directory: Directory } | { readonly errors: readonly DirectoryError[] };

/** `directory.yaml:42 customers[2].contacts[0].email: not an email`: what the CLI and the API print. */
export const formatDirectoryError = (error: DirectoryError): string =>
  `${error.file}:${error.line} ${error.path ? `${error.path}: ` : ''}${error.message}`;

export const formatPath = (path: Path): string =>
  path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');

/** The line of the deepest node on the path that exists: a missing field is reported where its parent is. */
function lineOf(document: Document, lines: LineCounter, path: Path): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node: unknown = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return 1;
}

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
  const lines = new LineCounter();
  // The core schema keeps timestamps as strings and refuses nothing YAML 1.2 allows; `uniqueKeys` catches a key twice.
  const document = parseDocument(text, { lineCounter: lines, schema: 'core', uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      errors: document.errors.map((error) => ({
        file: fileName,
        line: lines.linePos(error.pos[0]).line,
        path: '',
        message: error.message.split('\n')[0] ?? error.code,
      })),
    };
  }
  const toErrors = (findings: readonly Finding[]): DirectoryError[] =>
    findings.map((finding) => ({
      file: fileName,
      line: lineOf(document, lines, finding.path),
      path: formatPath(finding.path),
      message: finding.message,
    }));
  const value: unknown = document.toJS();
  const shape = directorySchema(value, []);
  if (shape.length > 0) return { errors: toErrors(shape) };
  const directory = fillOptionalLists(value as Record<string, unknown>);
  const references = crossReferenceFindings(directory);
  return references.length > 0 ? { errors: toErrors(references) } : { directory };
}
