import type { Finding } from '../schema/rules';
import { type ConfigError, parseYamlConfig } from '../yaml-config';
import {
  type AutomatedStep,
  EXECUTOR_PLACEHOLDERS,
  type ExecutorDefinition,
  type Runbook,
  type RunbookSet,
  SCALING_ACTIONS,
} from './runbook-set';
import { runbooksSchema } from './runbooks.schema';

export type ParsedRunbooks = { readonly runbookSet: RunbookSet } | { readonly errors: readonly ConfigError[] };

/** Approval requests stay open a day unless the file says otherwise. */
export const DEFAULT_APPROVAL_VALID_HOURS = 24;

function duplicates(ids: readonly string[], at: (index: number) => Finding['path'], what: string): Finding[] {
  const seen = new Set<string>();
  return ids.flatMap((id, index) => {
    if (!seen.has(id)) return (seen.add(id), []);
    return [{ path: at(index), message: `duplicate ${what} ${id}` }];
  });
}

/** A scaling step needs its figures (the planner prices it); any other step must not carry them. */
function automatedFindings(
  step: AutomatedStep,
  at: Finding['path'],
  executors: Readonly<Record<string, ExecutorDefinition>>,
): Finding[] {
  const findings: Finding[] = [];
  if (!(step.executor in executors)) {
    findings.push({ path: [...at, 'executor'], message: `no executor named ${step.executor}` });
  }
  const scaling = SCALING_ACTIONS.includes(step.action);
  for (const field of ['by', 'unitMonthlyCost'] as const) {
    if (scaling && step[field] === undefined) {
      findings.push({ path: [...at, field], message: `is required for ${step.action}` });
    }
    if (!scaling && step[field] !== undefined) {
      findings.push({ path: [...at, field], message: `only for scale_up and scale_down` });
    }
  }
  return findings;
}

function placeholderFindings(executors: Readonly<Record<string, ExecutorDefinition>>): Finding[] {
  return Object.entries(executors).flatMap(([name, definition]) => {
    if (definition.kind !== 'command') return [];
    return definition.args.flatMap((arg, index) =>
      [...arg.matchAll(/\{([^}]*)\}/g)]
        .filter((match) => !(EXECUTOR_PLACEHOLDERS as readonly string[]).includes(match[1] ?? ''))
        .map((match) => ({
          path: ['executors', name, 'args', index],
          message: `unknown placeholder ${match[0]} (known: ${EXECUTOR_PLACEHOLDERS.join(', ')})`,
        })),
    );
  });
}

/**
 * Parses and validates a runbook file. Pure: the text in, the runbook set (version `null`: not an applied
 * version) or every error, each naming the file, the line and the path (`runbooks[1].steps[0].executor`).
 */
export function parseRunbooks(text: string, fileName: string, version: number | null = null): ParsedRunbooks {
  const parsed = parseYamlConfig(text, fileName, runbooksSchema, (value) => {
    const runbooks = value['runbooks'] as Runbook[];
    const executors = value['executors'] as Record<string, ExecutorDefinition>;
    const findings = [
      ...duplicates(
        runbooks.map((runbook) => runbook.id),
        (index) => ['runbooks', index, 'id'],
        'runbook id',
      ),
      ...runbooks.flatMap((runbook, r) => [
        ...duplicates(
          runbook.steps.map((step) => step.id),
          (index) => ['runbooks', r, 'steps', index, 'id'],
          'step id',
        ),
        ...runbook.steps.flatMap((step, s) =>
          step.kind === 'automated' ? automatedFindings(step, ['runbooks', r, 'steps', s], executors) : [],
        ),
      ]),
      ...placeholderFindings(executors),
    ];
    if (findings.length > 0) return findings;
    const responseTeam = value['responseTeam'] as RunbookSet['responseTeam'];
    return {
      value: {
        version,
        approvalValidHours: (value['approvalValidHours'] as number | undefined) ?? DEFAULT_APPROVAL_VALID_HOURS,
        ...(responseTeam !== undefined && { responseTeam }),
        executors,
        runbooks,
      },
    };
  });
  return 'errors' in parsed ? parsed : { runbookSet: parsed.value };
}
