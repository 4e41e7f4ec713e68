import { Inject, Injectable } from '@nestjs/common';
import { findRemediation, type IncidentCommand } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import { type ExecutionResult, type Executor, idempotencyKeyOf } from '../executors/executor';
import { IncidentFacts, type IncidentNow } from '../incident-facts';
import { REMEDIATION_CONFIG, type RemediationConfig } from '../remediation.config';
import { decisionOf, failurePolicyOf, failuresOf, type NextAttempt, nextAttempt } from '../rules/next-attempt';
import { REMEDIATION_ACTOR_ID } from '../rules/proposal-commands';
import { RunbookSetSource, type RunbooksInForce } from '../runbook-set.source';
import { CallbackDeadlineTimers, DEFAULT_CALLBACK_TIMEOUT_SECONDS } from '../timers/callback-deadline-timers';

export interface Cause {
  readonly causationId: string;
  readonly correlationId: string;
}

/** What followed a recorded failure: another attempt, or the step's follow-up once none are left. */
export type AfterFailure = 'retried' | 'page' | 'next' | 'stop' | 'none';

/**
 * Runs a remediation's next attempt through its executor and records the outcome (RemediationExecuted or
 * RemediationFailed, with the output) through the command handler, caused by the event that made it runnable.
 * The executor's call is the external effect; its idempotency key names incident, remediation and attempt, so
 * a crash between the call and the record repeats the same call, which the receiver recognises.
 */
@Injectable()
export class RemediationRunner {
  constructor(
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(RunbookSetSource) private readonly runbooks: RunbookSetSource,
    @Inject(REMEDIATION_CONFIG) private readonly config: RemediationConfig,
    @Inject(CallbackDeadlineTimers) private readonly callbacks: CallbackDeadlineTimers,
  ) {}

  /**
   * After a recorded failure: the next attempt while retries remain; after the last, the step's follow-up —
   * `page` escalates to the next level (the escalation service pages it), `next` lets the runbook's next step
   * run (the caller moves it on), `stop` leaves it there.
   */
  async afterFailure(incidentId: string, remediationId: string, cause: Cause): Promise<AfterFailure> {
    const { state, history } = await this.incidents.of(incidentId);
    const set = (await this.runbooks.current())?.set;
    const decision = decisionOf(history, remediationId);
    if (state.status === 'initial' || decision === undefined) return 'none';
    const policy = failurePolicyOf(set, decision);
    if (failuresOf(history, remediationId) <= policy.retries) {
      await this.run(incidentId, remediationId, cause);
      return 'retried';
    }
    if (policy.then !== 'page' || findRemediation(state, remediationId)?.status !== 'failed') return policy.then;
    const note = `remediation ${remediationId} failed after ${policy.retries + 1} attempt(s)`;
    await this.commands.execute(
      {
        type: 'EscalateIncident',
        data: {
          incidentId,
          reason: 'asked_for_help',
          toLevel: state.escalationLevel + 1,
          requestedBy: REMEDIATION_ACTOR_ID,
          note,
          escalatedAt: new Date().toISOString(),
        },
      },
      { actor: this.config.actor, ...cause },
    );
    return 'page';
  }

  /**
   * `known`: the incident and runbooks the caller read just now (the step sequencer, deciding that the turn has
   * come), so that they are not read a second time; without it they are read here.
   */
  async run(
    incidentId: string,
    remediationId: string,
    cause: Cause,
    known?: { readonly incident: IncidentNow; readonly inForce: RunbooksInForce | undefined },
  ): Promise<void> {
    const { state, history, stream } = known?.incident ?? (await this.incidents.of(incidentId));
    const inForce = known ? known.inForce : await this.runbooks.current();
    const next = nextAttempt(state, history, remediationId, (decision) => failurePolicyOf(inForce?.set, decision));
    if (next === null) return;
    const drill = state.status !== 'initial' && state.drill;
    const result = await this.attempt(
      incidentId,
      remediationId,
      next,
      drill,
      inForce?.executors.get(next.decision.executor),
    );
    const at = new Date().toISOString();
    if (result.outcome === 'pending') {
      const definition = inForce?.set.executors[next.decision.executor];
      const timeoutSeconds =
        (definition?.kind === 'webhook' ? definition.callbackTimeoutSeconds : undefined) ??
        DEFAULT_CALLBACK_TIMEOUT_SECONDS;
      return this.awaitCallback(incidentId, remediationId, next, timeoutSeconds, cause);
    }
    const output = result.output.trim() === '' ? {} : { output: result.output };
    const command: IncidentCommand =
      result.outcome === 'executed'
        ? {
            type: 'ExecuteRemediation',
            data: { incidentId, remediationId, executedBy: REMEDIATION_ACTOR_ID, ...output, executedAt: at },
          }
        : {
            type: 'RecordRemediationFailure',
            data: { incidentId, remediationId, reason: result.reason ?? 'failed', ...output, failedAt: at },
          };
    // Decided on the history read before the executor's call: anything appended since fails the append, and the
    // command handler reads again (its expected revision).
    await this.commands.execute(command, { actor: this.config.actor, ...cause, knownHistory: stream });
  }

  /**
   * The executor took the attempt and reports by signed callback: the timeline says so (an internal update, caused
   * like the record it stands in for, so a redelivery repeating the call adds nothing), and nothing else is
   * recorded until the callback comes, or its deadline (timers/callback-deadline-timers.ts) records a failure.
   */
  private async awaitCallback(
    incidentId: string,
    remediationId: string,
    next: NextAttempt,
    timeoutSeconds: number,
    cause: Cause,
  ) {
    const { executor } = next.decision;
    await this.callbacks.await(idempotencyKeyOf(incidentId, remediationId, next.attempt), {
      incidentId,
      remediationId,
      attempt: next.attempt,
      executor,
      timeoutSeconds,
    });
    const message =
      `Executor ${executor} accepted attempt ${next.attempt} of ${remediationId}; ` +
      `its result comes by signed callback (failed if none within ${timeoutSeconds} s).`;
    await this.commands.execute(
      {
        type: 'PostStatusUpdate',
        data: {
          incidentId,
          audience: 'internal',
          message,
          postedBy: REMEDIATION_ACTOR_ID,
          postedAt: new Date().toISOString(),
        },
      },
      { actor: this.config.actor, ...cause },
    );
  }

  /** A drill exercises the lifecycle, never the customer's real resources: its executor is not called. */
  private attempt(
    incidentId: string,
    remediationId: string,
    next: NextAttempt,
    drill: boolean,
    executor: Executor | undefined,
  ): Promise<ExecutionResult> {
    if (drill) return Promise.resolve({ outcome: 'executed', output: `drill: ${next.decision.executor} not called` });
    if (executor === undefined) {
      const reason = `no executor named ${next.decision.executor} is in force`;
      return Promise.resolve({ outcome: 'failed', output: '', reason });
    }
    return executor.execute({
      incidentId,
      remediationId,
      stepId: next.decision.stepId,
      action: next.action,
      attempt: next.attempt,
      idempotencyKey: idempotencyKeyOf(incidentId, remediationId, next.attempt),
      parameters: next.decision.parameters,
    });
  }
}
