import { INCIDENT_CATEGORIES } from '@incident/domain';
import {
  CURRENCY,
  type Finding,
  ID,
  integer,
  list,
  object,
  oneOf,
  positiveNumber,
  type Rule,
  text,
  URL_PATTERN,
} from '../schema/rules';
import { AUTOMATED_ACTIONS, EXECUTOR_KINDS, FAILURE_FOLLOW_UPS, STEP_KINDS } from './runbook-set';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const money = object({ amount: positiveNumber, currency: text(CURRENCY) });
const ABSOLUTE_PATH = { pattern: /^\//, message: 'must be an absolute path (no shell, no PATH lookup)' };

const STEP_SHAPES: Record<(typeof STEP_KINDS)[number], Rule> = {
  automated: object(
    {
      id: text(ID),
      kind: oneOf(STEP_KINDS),
      action: oneOf(AUTOMATED_ACTIONS),
      description: text(),
      executor: text(ID),
      by: integer(1, 1000),
      unitMonthlyCost: money,
      onFailure: object({ retries: integer(0, 5), then: oneOf(FAILURE_FOLLOW_UPS) }, ['retries']),
    },
    ['by', 'unitMonthlyCost', 'onFailure'],
  ),
  manual: object({ id: text(ID), kind: oneOf(STEP_KINDS), description: text() }),
  notify: object({ id: text(ID), kind: oneOf(STEP_KINDS), message: text() }),
  approval: object({ id: text(ID), kind: oneOf(STEP_KINDS), description: text() }),
};

/** A step's shape depends on its kind: the kind is checked first so the other findings make sense. */
const step: Rule = (value, path) => {
  if (!isRecord(value)) return [{ path, message: 'must be a mapping' }];
  const kind = oneOf(STEP_KINDS)(value['kind'], [...path, 'kind']);
  if (kind.length > 0) return kind;
  return STEP_SHAPES[value['kind'] as (typeof STEP_KINDS)[number]](value, path);
};

const labels: Rule = (value, path) => {
  if (!isRecord(value)) return [{ path, message: 'must be a mapping of label names to values' }];
  return Object.entries(value).flatMap(([name, v]) => text()(v, [...path, name]));
};

const EXECUTOR_SHAPES: Record<(typeof EXECUTOR_KINDS)[number], Rule> = {
  command: object({
    kind: oneOf(EXECUTOR_KINDS),
    program: text(ABSOLUTE_PATH),
    args: list((value, path) => (typeof value === 'string' ? [] : [{ path, message: 'must be a string' }])),
    timeoutSeconds: integer(1, 3600),
  }),
  webhook: object(
    {
      kind: oneOf(EXECUTOR_KINDS),
      url: text(URL_PATTERN),
      timeoutSeconds: integer(1, 300),
      callbackTimeoutSeconds: integer(1, 7 * 86_400),
    },
    ['callbackTimeoutSeconds'],
  ),
};

const executor: Rule = (value, path) => {
  if (!isRecord(value)) return [{ path, message: 'must be a mapping' }];
  const kind = oneOf(EXECUTOR_KINDS)(value['kind'], [...path, 'kind']);
  if (kind.length > 0) return kind;
  return EXECUTOR_SHAPES[value['kind'] as (typeof EXECUTOR_KINDS)[number]](value, path);
};

const executors: Rule = (value, path): Finding[] => {
  if (!isRecord(value)) return [{ path, message: 'must be a mapping of executor names to executors' }];
  return Object.entries(value).flatMap(([name, definition]) => [
    ...text(ID)(name, [...path, name]),
    ...executor(definition, [...path, name]),
  ]);
};

/** The runbook file's shape; cross-references (executors named, scaling figures) are parse-runbooks.ts's. */
export const runbooksSchema: Rule = object(
  {
    approvalValidHours: integer(1, 24 * 14),
    responseTeam: object({ incidentCommander: text(ID), communications: text(ID), security: text(ID) }),
    executors,
    runbooks: list(
      object(
        {
          id: text(ID),
          category: oneOf(INCIDENT_CATEGORIES),
          service: text(),
          labels,
          steps: list(step, { min: 1 }),
        },
        ['service', 'labels'],
      ),
      { min: 1 },
    ),
  },
  ['approvalValidHours', 'responseTeam'],
);
