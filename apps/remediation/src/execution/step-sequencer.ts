import { Inject, Injectable } from '@nestjs/common';
import { DirectoryReader } from '@incident/directory';
import { ACTIVE_STATUSES, findRemediation, type IncidentCommand } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import { IncidentFacts } from '../incident-facts';
import { REMEDIATION_CONFIG, type RemediationConfig } from '../remediation.config';
import { decisionOf, failurePolicyOf } from '../rules/next-attempt';
import { approvalRequestCommand, REMEDIATION_ACTOR_ID } from '../rules/proposal-commands';
import { proposalOf, turnOf } from '../rules/step-sequence';
import { RunbookSetSource } from '../runbook-set.source';
import { type Cause, RemediationRunner } from './remediation-runner';

/**
 * Moves a proposed remediation on once its turn has come (rules/step-sequence.ts): within limits it runs; beyond
 * them it is sent to the customer's approving contact. A person's proposal has no executor: it is only sent for
 * approval when it needs one (a cost change), and the person records its execution. Called for a proposal and
 * again when the step before it clears the way; only a remediation still `proposed` moves, so the two meet once.
 */
@Injectable()
export class StepSequencer {
  constructor(
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(RunbookSetSource) private readonly runbooks: RunbookSetSource,
    @Inject(DirectoryReader) private readonly directory: DirectoryReader,
    @Inject(RemediationRunner) private readonly runner: RemediationRunner,
    @Inject(REMEDIATION_CONFIG) private readonly config: RemediationConfig,
  ) {}

  async advance(incidentId: string, remediationId: string, cause: Cause): Promise<void> {
    const incident = await this.incidents.of(incidentId);
    const { state, history } = incident;
    if (state.status === 'initial' || !(ACTIVE_STATUSES as readonly string[]).includes(state.status)) return;
    const record = findRemediation(state, remediationId);
    if (record?.status !== 'proposed') return;
    const inForce = await this.runbooks.current();
    const decision = decisionOf(history, remediationId);
    if (turnOf(state, history, remediationId, (d) => failurePolicyOf(inForce?.set, d)) !== 'now') return;
    if (!record.requiresApproval) {
      if (decision !== undefined) await this.runner.run(incidentId, remediationId, cause, { incident, inForce });
      return;
    }
    const customer = this.directory.current()?.directory.customers.find((c) => c.id === state.customerId);
    const approver = customer?.contacts.find((contact) => contact.approvesCostChanges)?.email;
    const now = new Date().toISOString();
    if (approver === undefined) {
      const message = `Remediation ${remediationId} needs approval, but the directory names no approving contact.`;
      const data = { incidentId, audience: 'internal' as const, message, postedBy: REMEDIATION_ACTOR_ID };
      return this.act({ type: 'PostStatusUpdate', data: { ...data, postedAt: now } }, cause);
    }
    const step = {
      remediationId,
      approver,
      monthlyCostDelta: proposalOf(history, remediationId)?.monthlyCostDelta ?? 0,
      currency: String(decision?.figures['currency'] ?? customer?.approvalThresholdPerMonth.currency ?? 'EUR'),
    };
    const validHours = inForce?.set.approvalValidHours ?? 24;
    await this.act(approvalRequestCommand(incidentId, step, now, validHours), cause);
  }

  private async act(command: IncidentCommand, cause: Cause): Promise<void> {
    await this.commands.execute(command, { actor: this.config.actor, ...cause });
  }
}
