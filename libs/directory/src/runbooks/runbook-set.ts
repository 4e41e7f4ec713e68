import type { IncidentCategory } from '@incident/domain';
import type { Money } from '../directory';

/**
 * Runbooks as data (issue 16): per category, and optionally per service or labels, an ordered list of steps.
 * One YAML file (config/runbooks.example.yaml) is the source; parseRunbooks turns it into this shape.
 */

/** What an automated step does. `isolate` and `redirect_traffic` are containment: they run first for an exploit. */
export const AUTOMATED_ACTIONS = [
  'scale_up',
  'scale_down',
  'restart',
  'rollback',
  'patch',
  'isolate',
  'redirect_traffic',
] as const;
export type AutomatedAction = (typeof AUTOMATED_ACTIONS)[number];
export const CONTAINMENT_STEP_ACTIONS: readonly AutomatedAction[] = ['isolate', 'redirect_traffic'];
export const SCALING_ACTIONS: readonly AutomatedAction[] = ['scale_up', 'scale_down'];

export const STEP_KINDS = ['automated', 'manual', 'notify', 'approval'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** After the last retry: go on with the next step, page the on-call, or stop the runbook there. */
export const FAILURE_FOLLOW_UPS = ['next', 'page', 'stop'] as const;
export type FailureFollowUp = (typeof FAILURE_FOLLOW_UPS)[number];

export interface FailurePolicy {
  readonly retries: number;
  readonly then: FailureFollowUp;
}
export const DEFAULT_FAILURE_POLICY: FailurePolicy = { retries: 0, then: 'page' };

export interface AutomatedStep {
  readonly id: string;
  readonly kind: 'automated';
  readonly action: AutomatedAction;
  readonly description: string;
  /** A name from the file's `executors`. */
  readonly executor: string;
  /** Scaling only: how many units to add or remove, and what one unit costs a month. */
  readonly by?: number;
  readonly unitMonthlyCost?: Money;
  readonly onFailure?: FailurePolicy;
}
export interface ManualStep {
  readonly id: string;
  readonly kind: 'manual';
  readonly description: string;
}
export interface NotifyStep {
  readonly id: string;
  readonly kind: 'notify';
  readonly message: string;
}
/** Every automated step after a gate waits for the customer's approval, whatever it costs. */
export interface ApprovalStep {
  readonly id: string;
  readonly kind: 'approval';
  readonly description: string;
}
export type RunbookStep = AutomatedStep | ManualStep | NotifyStep | ApprovalStep;

export interface Runbook {
  readonly id: string;
  readonly category: IncidentCategory;
  readonly service?: string;
  /** Every label named must equal the incident's. */
  readonly labels?: Readonly<Record<string, string>>;
  readonly steps: readonly RunbookStep[];
}

/**
 * A local program run with arguments, never through a shell. `args` may hold placeholders such as
 * `{service}` or `{targetSize}`; each argument stays one argument whatever it is replaced with.
 */
export interface CommandExecutorDefinition {
  readonly kind: 'command';
  readonly program: string;
  readonly args: readonly string[];
  readonly timeoutSeconds: number;
}
/** An HTTP endpoint receiving a signed POST with an Idempotency-Key per incident, step and attempt. */
export interface WebhookExecutorDefinition {
  readonly kind: 'webhook';
  readonly url: string;
  readonly timeoutSeconds: number;
  /**
   * How long an attempt the endpoint accepted (202) waits for its signed callback before it counts as failed
   * (and the step's onFailure applies). Absent: an hour.
   */
  readonly callbackTimeoutSeconds?: number;
}
export type ExecutorDefinition = CommandExecutorDefinition | WebhookExecutorDefinition;
export const EXECUTOR_KINDS = ['command', 'webhook'] as const;

/** Placeholders an executor's arguments may use. */
export const EXECUTOR_PLACEHOLDERS = [
  'incidentId',
  'remediationId',
  'stepId',
  'action',
  'service',
  'customer',
  'by',
  'currentSize',
  'targetSize',
  'attempt',
  'idempotencyKey',
] as const;

/** The directory teams whose first member takes each role of an exploit's response team. */
export interface ResponseTeamTeams {
  readonly incidentCommander: string;
  readonly communications: string;
  readonly security: string;
}

export interface RunbookSet {
  /** The applied version (recorded in every decision); `null` for a file not applied. */
  readonly version: number | null;
  /** How long a customer has to answer an approval request. */
  readonly approvalValidHours: number;
  readonly responseTeam?: ResponseTeamTeams;
  readonly executors: Readonly<Record<string, ExecutorDefinition>>;
  readonly runbooks: readonly Runbook[];
}
