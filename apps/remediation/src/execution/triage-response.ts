import { Inject, Injectable } from '@nestjs/common';
import { DirectoryReader } from '@incident/directory';
import { ACTIVE_STATUSES, type IncidentCommand } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import type { RecordedIncidentEvent } from '@incident/messaging';
import { IncidentFacts } from '../incident-facts';
import { REMEDIATION_CONFIG, type RemediationConfig } from '../remediation.config';
import { planRemediation } from '../rules/plan-remediation';
import { proposeCommand, REMEDIATION_ACTOR_ID } from '../rules/proposal-commands';
import { currentSizeFrom, type RemediationFacts } from '../rules/remediation-facts';
import { responseTeamFor } from '../rules/response-team';
import { selectRunbook } from '../rules/select-runbook';
import { RunbookSetSource } from '../runbook-set.source';
import { coalescedRefresh } from '../coalesced-refresh';
import { ContainmentRunner } from './containment-runner';

const IMMEDIATE_NOTICE =
  'We are responding to a security incident affecting your service. A response team is assembled; we will update you.';

/**
 * What a triaged incident sets off: the runbook in force planned against the directory's limits, then in order
 * containment (executed at once), the customer notice, the response team, and the proposals (which the
 * RemediationProposed handler runs or sends for approval). Each command is caused by the triage event and the
 * step, so a redelivered triage appends nothing twice.
 */
@Injectable()
export class TriageResponse {
  constructor(
    @Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(DirectoryReader) private readonly directory: DirectoryReader,
    @Inject(RunbookSetSource) private readonly runbooks: RunbookSetSource,
    @Inject(ContainmentRunner) private readonly containment: ContainmentRunner,
    @Inject(REMEDIATION_CONFIG) private readonly config: RemediationConfig,
  ) {
    this.refreshDirectory = coalescedRefresh(() => directory.refresh());
  }

  private readonly refreshDirectory: () => Promise<void>;

  async respond(event: RecordedIncidentEvent<'IncidentTriaged'>): Promise<void> {
    const { incidentId, category, flags } = event.data;
    const { state, stream } = await this.incidents.of(incidentId);
    // Only while it is being worked: a consumer catching up on history must not act on closed incidents.
    if (!(ACTIVE_STATUSES as readonly string[]).includes(state.status) || state.status === 'initial') return;
    const inForce = await this.runbooks.current();
    await this.refreshDirectory();
    const directory = this.directory.current()?.directory;
    const facts: RemediationFacts = {
      incidentId,
      category,
      service: state.service,
      customerId: state.customerId,
      labels: state.labels,
      flags: flags ?? [],
      currentSize: currentSizeFrom(state.labels),
    };
    const runbook = inForce ? selectRunbook(inForce.set, facts) : undefined;
    const service = directory?.services.find((candidate) => candidate.id === state.service);
    const customer = directory?.customers.find((candidate) => candidate.id === state.customerId);
    const steps =
      inForce && runbook
        ? planRemediation(facts, { runbook, version: inForce.set.version }, service?.autoscale, customer)
        : [];
    const cause = (step: string) => ({
      correlationId: event.metadata.correlationId,
      causationId: `${event.id}:${step}`,
    });
    // The first command decides on the history read above (`knownHistory`), the others read the stream anew.
    let firstRead: typeof stream | undefined = stream;
    const act = (command: IncidentCommand, step: string) => {
      const known = firstRead && { knownHistory: firstRead };
      firstRead = undefined;
      return this.commands.execute(command, { actor: this.config.actor, ...cause(step), ...known });
    };
    const at = () => new Date().toISOString();

    for (const step of steps) {
      if (step.kind === 'containment' && inForce) {
        firstRead = undefined; // containment appends: what was read is stale
        await this.containment.apply(incidentId, step, inForce, cause(step.stepId));
      }
    }
    const notices = steps.flatMap((step) => (step.kind === 'notify' ? [step] : []));
    // Triage's rules usually tell the customer themselves (NotifyCustomer by triage): only a silence is filled.
    const told = state.lastCustomerNotificationAt !== null;
    if (flags?.includes('notify_customer_immediately') && notices.length === 0 && !told) {
      notices.push({ kind: 'notify', stepId: 'immediate-notice', message: IMMEDIATE_NOTICE });
    }
    for (const notice of notices) {
      const data = { incidentId, channel: 'email' as const, message: notice.message, notifiedBy: REMEDIATION_ACTOR_ID };
      await act({ type: 'NotifyCustomer', data: { ...data, notifiedAt: at() } }, notice.stepId);
    }
    const teams = inForce?.set.responseTeam;
    const members = teams && directory ? responseTeamFor(teams, directory) : null;
    if (flags?.includes('assemble_response_team') && members !== null) {
      const data = { incidentId, members, assembledBy: REMEDIATION_ACTOR_ID, assembledAt: at() };
      await act({ type: 'AssembleResponseTeam', data }, 'response-team');
    }
    for (const step of steps) {
      if (step.kind === 'remediation') await act(proposeCommand(incidentId, step, at()), step.stepId);
    }
  }
}
