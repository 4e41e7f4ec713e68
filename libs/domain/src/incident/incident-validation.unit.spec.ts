import { DeciderSpecification, command, historyIn } from '../testing-support';
import { decide } from './decide';
import { IncidentValidationError } from './incident-errors';
import type { IncidentCommand, IncidentCommandType } from './incident-commands';
import { incidentDecider, replayIncident } from './incident-decider';
import type { IncidentStatus } from './lifecycle';

const given = DeciderSpecification.for(incidentDecider);

/** AssembleResponseTeam's members, as [personId, role] pairs. */
const team = (...members: [string, string][]) => ({ members: members.map(([personId, role]) => ({ personId, role })) });
/** LogTime's figures for the customer's pre-approved period. */
const preApproved = (period: string, budgetMinutes: number, usedMinutes: number) => ({
  preApproved: { period, budgetMinutes, usedMinutes },
});

/** [command, bad data, the field named, a status in which the command would otherwise be legal] */
const INVALID: [IncidentCommandType, Record<string, unknown>, string, IncidentStatus][] = [
  ['OpenIncident', { title: '' }, 'title', 'initial'],
  ['OpenIncident', { title: '   ' }, 'title', 'initial'],
  ['OpenIncident', { dedupKey: undefined }, 'dedupKey', 'initial'],
  ['OpenIncident', { category: 'network.flaky' }, 'category', 'initial'],
  ['OpenIncident', { severity: 'sev1' }, 'severity', 'initial'],
  ['OpenIncident', { labels: { team: 7 } }, 'labels.team', 'initial'],
  ['OpenIncident', { labels: ['a'] }, 'labels', 'initial'],
  ['OpenIncident', { drill: 'yes' }, 'drill', 'initial'],
  ['OpenIncident', { openedAt: '2025-03-01 10:00' }, 'openedAt', 'initial'],
  ['OpenIncident', { openedAt: '2025-03-01T10:00:00' }, 'openedAt', 'initial'],
  ['OpenIncident', { incidentId: '' }, 'incidentId', 'initial'],
  ['CorrelateAlert', { receivedAt: 'yesterday' }, 'receivedAt', 'triggered'],
  ['ResolveAlertAtSource', { allAlertsResolved: undefined }, 'allAlertsResolved', 'triggered'],
  ['ReopenIncident', { reopenWindowMinutes: -1 }, 'reopenWindowMinutes', 'resolved'],
  ['TriageIncident', { category: undefined }, 'category', 'triggered'],
  ['TriageIncident', { owningTeam: '' }, 'owningTeam', 'triggered'],
  ['TriageIncident', { ruleId: '' }, 'ruleId', 'triggered'],
  ['TriageIncident', { preApprovedMinutes: -60 }, 'preApprovedMinutes', 'triggered'],
  ['MarkIncidentNoAction', { reason: '' }, 'reason', 'triaged'],
  ['ReturnIncidentToCustomer', { downgradeTo: 'trivial' }, 'downgradeTo', 'triaged'],
  ['PageResponder', { responderId: '' }, 'responderId', 'triggered'],
  ['AcknowledgeIncident', { responderId: undefined }, 'responderId', 'triggered'],
  ['EscalateIncident', { toLevel: 1 }, 'toLevel', 'triggered'],
  ['EscalateIncident', { toLevel: 2.5 }, 'toLevel', 'triggered'],
  ['EscalateIncident', { reason: 'bored' }, 'reason', 'triggered'],
  ['EscalateIncident', { requestedBy: undefined }, 'requestedBy', 'triggered'],
  ['RecordSlaBreach', { sla: 'response' }, 'sla', 'triggered'],
  ['RecordSlaBreach', { targetMinutes: 0 }, 'targetMinutes', 'triggered'],
  ['ApplyContainment', { description: '' }, 'description', 'triggered'],
  ['ProposeRemediation', { monthlyCostDelta: Number.NaN }, 'monthlyCostDelta', 'triggered'],
  ['ProposeRemediation', { requiresApproval: undefined }, 'requiresApproval', 'triggered'],
  ['ProposeRemediation', { action: 'pray' }, 'action', 'triggered'],
  ['ApproveRemediation', { remediationId: '' }, 'remediationId', 'triggered'],
  ['RejectRemediation', { reason: '' }, 'reason', 'triggered'],
  ['RequestRemediationApproval', { requestedFrom: '' }, 'requestedFrom', 'triggered'],
  ['RequestRemediationApproval', { monthlyCostDelta: undefined }, 'monthlyCostDelta', 'triggered'],
  ['RequestRemediationApproval', { currency: 'euro' }, 'currency', 'triggered'],
  ['RequestRemediationApproval', { validUntil: undefined }, 'validUntil', 'triggered'],
  ['RequestRemediationApproval', { validUntil: '2025-03-01T11:00:00.000Z' }, 'validUntil', 'triggered'],
  ['ApproveRemediation', { by: 'contact-acme-cfo' }, 'by', 'triggered'],
  ['ApproveRemediation', { by: { id: '', roles: [] } }, 'by.id', 'triggered'],
  ['ApproveRemediation', { by: { id: 'erin', roles: 'admin' } }, 'by.roles', 'triggered'],
  ['ApproveRemediation', { onBehalfReason: ' ' }, 'onBehalfReason', 'triggered'],
  ['RejectRemediation', { by: undefined }, 'by', 'triggered'],
  ['ExpireRemediationApproval', { expiredAt: 'tomorrow' }, 'expiredAt', 'triggered'],
  ['WithdrawRemediationApproval', { reason: '' }, 'reason', 'triggered'],
  ['WithdrawRemediationApproval', { withdrawnBy: undefined }, 'withdrawnBy', 'triggered'],
  ['ApplyContainment', { containmentId: '' }, 'containmentId', 'triggered'],
  ['LiftContainment', { containmentId: undefined }, 'containmentId', 'triggered'],
  ['LiftContainment', { reason: '' }, 'reason', 'triggered'],
  ['AssembleResponseTeam', { members: [] }, 'members', 'triggered'],
  ['AssembleResponseTeam', team(['alice', 'chef']), 'members[0].role', 'triggered'],
  ['AssembleResponseTeam', team(['', 'incident_commander']), 'members[0].personId', 'triggered'],
  ['AssembleResponseTeam', team(['alice', 'security']), 'members', 'triggered'],
  ['AssembleResponseTeam', team(['alice', 'incident_commander'], ['alice', 'security']), 'members', 'triggered'],
  [
    'AssembleResponseTeam',
    team(['alice', 'incident_commander'], ['bob', 'incident_commander']),
    'members',
    'triggered',
  ],
  ['NotifyCustomer', { channel: 'pigeon' }, 'channel', 'triggered'],
  ['NotifyCustomer', { message: '' }, 'message', 'triggered'],
  ['NotifyCustomer', { nextUpdateDue: '2025-03-01T10:59:00.000Z' }, 'nextUpdateDue', 'triggered'],
  ['NotifyCustomer', { nextUpdateDue: 'soon' }, 'nextUpdateDue', 'triggered'],
  ['MitigateIncident', { achievedBy: 'rem-1' }, 'achievedBy', 'acknowledged'],
  ['MitigateIncident', { achievedBy: { kind: 'luck', id: 'x' } }, 'achievedBy.kind', 'acknowledged'],
  ['MitigateIncident', { achievedBy: { kind: 'remediation', id: '' } }, 'achievedBy.id', 'acknowledged'],
  ['PostStatusUpdate', { audience: 'everyone' }, 'audience', 'triggered'],
  ['PostStatusUpdate', { message: '' }, 'message', 'triggered'],
  ['LogTime', { minutes: -30 }, 'minutes', 'acknowledged'],
  ['LogTime', { minutes: 0 }, 'minutes', 'acknowledged'],
  ['LogTime', { minutes: 1.5 }, 'minutes', 'acknowledged'],
  ['LogTime', { minutes: '30' }, 'minutes', 'acknowledged'],
  ['LogTime', { kind: 'billable' }, 'kind', 'acknowledged'],
  ['LogTime', { kind: undefined }, 'kind', 'acknowledged'],
  ['LogTime', { preApproved: 600 }, 'preApproved', 'acknowledged'],
  ['LogTime', preApproved('2025-3', 600, 0), 'preApproved.period', 'acknowledged'],
  ['LogTime', preApproved('2025-03', -1, 0), 'preApproved.budgetMinutes', 'acknowledged'],
  ['LogTime', preApproved('2025-03', 600, 1.5), 'preApproved.usedMinutes', 'acknowledged'],
  ['LogTime', { overrunReason: '' }, 'overrunReason', 'acknowledged'],
  ['MitigateIncident', { summary: '' }, 'summary', 'acknowledged'],
  ['ResolveIncident', { resolvedAt: '' }, 'resolvedAt', 'mitigated'],
  ['StartReview', { startedBy: '' }, 'startedBy', 'resolved'],
  ['RecordRootCause', { whys: [] }, 'whys', 'resolved'],
  ['RecordRootCause', { technique: '5_whys', whys: [] }, 'whys', 'resolved'],
  ['RecordRootCause', { whys: ['ok', ''] }, 'whys[1]', 'resolved'],
  ['RecordRootCause', { rootCause: '' }, 'rootCause', 'resolved'],
  ['RecordRootCause', { technique: '' }, 'technique', 'resolved'],
  ['AddActionItem', { kind: 'wishful_thinking' }, 'kind', 'in_review'],
  ['AddActionItem', { owner: '' }, 'owner', 'in_review'],
  ['AddActionItem', { dueDate: 'next week' }, 'dueDate', 'in_review'],
  ['CompleteActionItem', { actionItemId: '' }, 'actionItemId', 'in_review'],
  ['PublishReview', { summary: '' }, 'summary', 'in_review'],
  ['CloseIncident', { closedBy: '' }, 'closedBy', 'no_action'],
];

describe('command validation', () => {
  it.each(INVALID)('%s with %o names %s', (type, data, field, status) => {
    const bad = { ...command(type), data: { ...command(type).data, ...data } } as IncidentCommand;
    given(historyIn(status)).when(bad).thenThrows(IncidentValidationError, {
      code: 'INVALID_COMMAND',
      commandType: type,
      field,
    });
  });

  it('explains the problem in the message', () => {
    given(historyIn('acknowledged'))
      .when(command('LogTime', { minutes: -30 }))
      .thenThrows(IncidentValidationError, { message: 'invalid LogTime: minutes must be an integer of at least 1' });
  });

  it('validates before looking at the status', () => {
    given(historyIn('closed'))
      .when(command('OpenIncident', { title: '' }))
      .thenThrows(IncidentValidationError, { field: 'title' });
  });

  it('refuses a command addressed to another incident', () => {
    given(historyIn('triggered'))
      .when(command('AcknowledgeIncident', { incidentId: 'another' }))
      .thenThrows(IncidentValidationError, { field: 'incidentId' });
  });

  it('refuses an unknown command type', () => {
    const unknown = { type: 'DeleteIncident', data: {} } as unknown as IncidentCommand;
    expect(() => decide(unknown, replayIncident([]))).toThrow(
      new IncidentValidationError('DeleteIncident', 'type', 'is not an incident command'),
    );
  });

  it.each(['2025-03-15', '2025-03-15T17:00:00Z', '2025-03-15T17:00:00.123+01:00'])(
    'accepts the due date %s',
    (dueDate) => {
      expect(decide(command('AddActionItem', { dueDate }), replayIncident(historyIn('in_review')))).toHaveLength(1);
    },
  );
});
