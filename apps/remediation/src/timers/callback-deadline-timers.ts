import { Inject, Injectable } from '@nestjs/common';
import { IllegalTransitionError } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import { type FiringTimer, Scheduler, TimerKeyInUse } from '@incident/scheduler';
import { IncidentFacts } from '../incident-facts';
import { REMEDIATION_CONFIG, type RemediationConfig } from '../remediation.config';
import { failurePolicyOf, nextAttempt } from '../rules/next-attempt';
import { RunbookSetSource } from '../runbook-set.source';

export interface CallbackDeadlinePayload {
  readonly kind: 'executor-callback-deadline';
  readonly incidentId: string;
  readonly remediationId: string;
  readonly attempt: number;
  readonly executor: string;
  readonly timeoutSeconds: number;
}

/** Absent from the executor's definition: an accepted attempt waits an hour for its callback. */
export const DEFAULT_CALLBACK_TIMEOUT_SECONDS = 3600;

/**
 * An attempt a webhook executor accepted (202) waits for its signed callback until the executor's
 * `callbackTimeoutSeconds`; then it is recorded failed ("no callback"), and the step's onFailure applies as to any
 * failure (retry with the next attempt's key, next step, or page). A callback that came first leaves the attempt
 * decided, and the firing does nothing; a callback that comes after is for an attempt no longer under way (409).
 */
@Injectable()
export class CallbackDeadlineTimers {
  constructor(
    @Inject(Scheduler) private readonly scheduler: Scheduler<CallbackDeadlinePayload>,
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(RunbookSetSource) private readonly runbooks: RunbookSetSource,
    @Inject(REMEDIATION_CONFIG) private readonly config: RemediationConfig,
  ) {}

  /** Keyed by the attempt's idempotency key: the same attempt accepted twice (a redelivery) waits once. */
  async await(idempotencyKey: string, payload: Omit<CallbackDeadlinePayload, 'kind'>): Promise<void> {
    const dueAt = new Date(Date.now() + payload.timeoutSeconds * 1000);
    await this.scheduler
      .schedule(`executor-callback-deadline:${idempotencyKey}`, dueAt, {
        kind: 'executor-callback-deadline',
        ...payload,
      })
      .catch((error: unknown) => {
        // Accepted again after a crash: the deadline set the first time stands.
        if (!(error instanceof TimerKeyInUse)) throw error;
      });
  }

  async fire(timer: FiringTimer<CallbackDeadlinePayload>): Promise<void> {
    const { incidentId, remediationId, attempt, executor, timeoutSeconds } = timer.payload;
    const { state, history } = await this.incidents.of(incidentId);
    const set = (await this.runbooks.current())?.set;
    if (nextAttempt(state, history, remediationId, (decision) => failurePolicyOf(set, decision))?.attempt !== attempt)
      return;
    const reason = `no callback from ${executor} within ${timeoutSeconds} s`;
    try {
      await this.commands.execute(
        {
          type: 'RecordRemediationFailure',
          data: { incidentId, remediationId, reason, failedAt: timer.dueAt.toISOString() },
        },
        { actor: this.config.actor, correlationId: timer.key, causationId: timer.key },
      );
    } catch (error) {
      // The callback was recorded in the meantime, or the incident closed.
      if (!(error instanceof IllegalTransitionError)) throw error;
    }
  }
}
