import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { Finding, Path, Rule } from './schema/rules';

/** An error in a config-as-code file (the directory, triage rules): where it is and what is wrong. */
export interface ConfigError {
  readonly file: string;
  readonly line: number;
  /** `customers[2].contacts[0].email`; empty for the document itself. */
  readonly path: string;
  readonly message: string;
}

/** `rules.yaml:42 rules[2].when.labels: must be a mapping`: what the CLI and the APIs print. */
export const formatConfigError = (error: ConfigError): string =>
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

/**
 * What a config file's own parser adds once the shape holds: the typed value, or the findings (cross-references,
 * regular expressions that do not compile) that the shape cannot express.
 */
export type ConfigFinish<T> = (value: Record<string, unknown>) => { readonly value: T } | readonly Finding[];

/**
 * YAML text → the shape `schema` checks → `finish`. Pure. Every error names the file, the line of the node at its
 * path and the path; shape errors first, and the rest only once the shape holds, since `finish` assumes it.
 */
export function parseYamlConfig<T>(
  text: string,
  fileName: string,
  schema: Rule,
  finish: ConfigFinish<T>,
): { readonly value: T } | { readonly errors: readonly ConfigError[] } {
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
  const toErrors = (findings: readonly Finding[]): ConfigError[] =>
    findings.map((finding) => ({
      file: fileName,
      line: lineOf(document, lines, finding.path),
      path: formatPath(finding.path),
      message: finding.message,
    }));
  const value: unknown = document.toJS();
  const shape = schema(value, []);
  if (shape.length > 0) return { errors: toErrors(shape) };
  const finished = finish(value as Record<string, unknown>);
  return 'value' in finished ? finished : { errors: toErrors(finished as readonly Finding[]) };
}
