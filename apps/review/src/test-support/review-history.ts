import type { IncidentCommand, OpenIncident } from '@incident/domain';

export const OPENED_AT = '2026-11-22T04:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(OPENED_AT) + minutes * 60_000).toISOString();

export const openIncident = (incidentId: string, facts: Partial<OpenIncident['data']> = {}): OpenIncident => ({
  type: 'OpenIncident',
  data: {
    incidentId,
    dedupKey: `acme-api/${incidentId}`,
    source: 'alertmanager',
    customerId: 'acme',
    service: 'acme-api',
    title: 'Acme API is down',
    openedAt: OPENED_AT,
    ...facts,
  },
});

/**
 * An urgent outage's response, as the other services and the responders record it: triage, a page, an
 * acknowledgement, a timeout escalation and a call for help, an SLA breach, containment, a remediation, the
 * customer told, time logged, mitigation, resolution (90 minutes after opening).
 */
export function urgentResponse(incidentId: string): IncidentCommand[] {
  const data = { incidentId };
  return [
    openIncident(incidentId, { severity: 'urgent', category: 'availability.downtime' }),
    {
      type: 'TriageIncident',
      data: {
        ...data,
        severity: 'urgent',
        category: 'availability.downtime',
        owningTeam: 'customer-success',
        ruleId: 'infrastructure',
        reasons: ['cloud infrastructure problem'],
        triagedAt: at(1),
      },
    },
    { type: 'EscalateIncident', data: { ...data, reason: 'timeout', toLevel: 2, escalatedAt: at(10) } },
    { type: 'AcknowledgeIncident', data: { ...data, responderId: 'alice', acknowledgedAt: at(12) } },
    { type: 'RecordSlaBreach', data: { ...data, sla: 'acknowledgement', targetMinutes: 5, breachedAt: at(5) } },
    {
      type: 'EscalateIncident',
      data: {
        ...data,
        reason: 'asked_for_help',
        toLevel: 3,
        requestedBy: 'alice',
        note: 'needs a DBA',
        escalatedAt: at(20),
      },
    },
    {
      type: 'ApplyContainment',
      data: {
        ...data,
        containmentId: 'c-1',
        action: 'redirect_traffic',
        description: 'traffic to eu-west-2',
        appliedBy: 'alice',
        appliedAt: at(25),
      },
    },
    {
      type: 'NotifyCustomer',
      data: { ...data, channel: 'email', message: 'We are on it', notifiedBy: 'alice', notifiedAt: at(26) },
    },
    {
      type: 'ProposeRemediation',
      data: {
        ...data,
        remediationId: 'r-1',
        action: 'restart',
        description: 'restart the database primary',
        requiresApproval: false,
        proposedBy: 'alice',
        proposedAt: at(30),
      },
    },
    { type: 'ExecuteRemediation', data: { ...data, remediationId: 'r-1', executedBy: 'alice', executedAt: at(35) } },
    { type: 'MitigateIncident', data: { ...data, mitigatedBy: 'alice', summary: 'restarted', mitigatedAt: at(40) } },
    { type: 'LogTime', data: { ...data, responderId: 'alice', kind: 'corrective', minutes: 60, loggedAt: at(80) } },
    { type: 'ResolveIncident', data: { ...data, resolvedBy: 'alice', summary: 'disk full', resolvedAt: at(90) } },
  ] as IncidentCommand[];
}
