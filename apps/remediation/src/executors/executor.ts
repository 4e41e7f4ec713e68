/** What an executor is asked to do: one attempt of one runbook step for one incident. */
export interface ExecutionRequest {
  readonly incidentId: string;
  readonly remediationId: string;
  readonly stepId: string;
  readonly action: string;
  /** 1 for the first try; a retry after a recorded failure is the next number. */
  readonly attempt: number;
  readonly idempotencyKey: string;
  /** From the planner's decision: service, customer, sizes. */
  readonly parameters: Readonly<Record<string, string | number>>;
}

export interface ExecutionResult {
  /**
   * `pending`: the executor took the request (a webhook answering 202) and reports the outcome later through the
   * signed callback (http/executor-callbacks.controller.ts); nothing is recorded executed or failed until then.
   */
  readonly outcome: 'executed' | 'failed' | 'pending';
  /** What the program printed or the endpoint answered, capped (it goes into the event). */
  readonly output: string;
  /** Why it failed, one line; absent when executed. */
  readonly reason?: string;
}

/** One way of carrying out a step. Resolves with the result; rejects only on a programming error. */
export interface Executor {
  execute(request: ExecutionRequest): Promise<ExecutionResult>;
}

/**
 * Derived from what the attempt is, never from when it runs: a replica that crashed between the call and
 * recording its result calls again with the same key, and a receiver honouring it acts once.
 */
export const idempotencyKeyOf = (incidentId: string, remediationId: string, attempt: number): string =>
  `remediation:${incidentId}:${remediationId}:${attempt}`;

/** Output kept in an event: enough to see what happened, not a log file. */
export const MAX_OUTPUT_CHARS = 4000;

export function capOutput(text: string): string {
  if (text.length <= MAX_OUTPUT_CHARS) return text;
  return `${text.slice(0, MAX_OUTPUT_CHARS)}\n… (${text.length - MAX_OUTPUT_CHARS} more characters cut)`;
}
