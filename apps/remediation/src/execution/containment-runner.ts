import { Inject, Injectable } from '@nestjs/common';
import { findContainment } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import { idempotencyKeyOf } from '../executors/executor';
import { IncidentFacts } from '../incident-facts';
import { REMEDIATION_CONFIG, type RemediationConfig } from '../remediation.config';
import type { PlannedContainment } from '../rules/planned-step';
import { containmentCommand, REMEDIATION_ACTOR_ID } from '../rules/proposal-commands';
import type { RunbooksInForce } from '../runbook-set.source';
import type { Cause } from './remediation-runner';

/**
 * Applies a containment step: its executor first (isolating is the effect; the event records it was done), then
 * ContainmentApplied. A failure is posted as an internal status update for the responders, and nothing is
 * recorded as contained. Skipped when the incident already holds the containment (a redelivered triage).
 */
@Injectable()
export class ContainmentRunner {
  constructor(
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(REMEDIATION_CONFIG) private readonly config: RemediationConfig,
  ) {}

  async apply(incidentId: string, step: PlannedContainment, inForce: RunbooksInForce, cause: Cause): Promise<void> {
    const { state } = await this.incidents.of(incidentId);
    if (state.status === 'initial' || findContainment(state, step.containmentId) !== undefined) return;
    const executor = inForce.executors.get(step.executor);
    // A drill exercises the lifecycle, never the customer's real resources.
    const result = state.drill
      ? ({ outcome: 'executed', output: `drill: ${step.executor} not called` } as const)
      : executor
        ? await executor.execute({
            incidentId,
            remediationId: step.containmentId,
            stepId: step.stepId,
            action: step.action,
            attempt: 1,
            idempotencyKey: idempotencyKeyOf(incidentId, step.containmentId, 1),
            parameters: { service: state.service, customer: state.customerId },
          })
        : ({ outcome: 'failed', output: '', reason: `no executor named ${step.executor}` } as const);
    const at = new Date().toISOString();
    const context = { actor: this.config.actor, ...cause };
    // A containment accepted for later (202) is recorded as applied at once: containing is urgent, and the
    // responders see in the description that the executor finishes it on its own.
    if (result.outcome !== 'failed') {
      const output =
        result.outcome === 'pending' ? `accepted, completing asynchronously ${result.output}` : result.output;
      await this.commands.execute(containmentCommand(incidentId, step, output.trim(), at), context);
      return;
    }
    const message = `Containment ${step.stepId} failed: ${result.reason ?? 'unknown'}. Contain it by hand.`;
    await this.commands.execute(
      {
        type: 'PostStatusUpdate',
        data: { incidentId, audience: 'internal', message, postedBy: REMEDIATION_ACTOR_ID, postedAt: at },
      },
      context,
    );
  }
}
