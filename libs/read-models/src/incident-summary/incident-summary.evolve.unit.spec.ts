import type { IncidentSummary } from './incident-summary.entity';
import { evolveIncidentSummary } from './incident-summary.evolve';
import {
  escalatedOnTimeout,
  event,
  fold,
  minute,
  opened,
  reclassifiedAsBug,
  triaged,
} from '../testing-support/projected';

const summaryAfter = (...events: Parameters<typeof fold>[2]) =>
  fold<IncidentSummary | undefined>(evolveIncidentSummary, undefined, events);

describe('incident summary', () => {
  it('ignores events of an incident it never saw opened', () => {
    expect(
      summaryAfter(event('IncidentAcknowledged', { responderId: 'bob', acknowledgedAt: minute(2) })),
    ).toBeUndefined();
  });

  describe('when acknowledged and resolved', () => {
    const history = [
      opened(),
      triaged(),
      event('IncidentAcknowledged', { responderId: 'bob', acknowledgedAt: minute(2) }),
      escalatedOnTimeout(1, 2, 3),
      event('SlaBreached', { sla: 'mitigation', targetMinutes: 5, breachedAt: minute(6) }),
      event('IncidentMitigated', {
        mitigatedBy: 'bob',
        summary: 'space freed',
        achievedBy: null,
        mitigatedAt: minute(7),
      }),
      event('IncidentResolved', {
        cause: 'responder',
        resolvedBy: 'bob',
        summary: 'grown',
        reviewRequired: true,
        resolvedAt: minute(8),
      }),
    ];

    it('holds the status, people and timestamps of the cycle', () => {
      expect(summaryAfter(...history)).toMatchObject({
        status: 'resolved',
        severity: 'urgent',
        team: 'infrastructure',
        assignee: 'bob',
        escalationLevel: 2,
        slaBreached: true,
        acknowledgedAt: new Date(minute(2)),
        resolvedAt: new Date(minute(8)),
        lastRevision: 6,
      });
    });

    it('a reopen starts a new cycle: status triggered, people and cycle times cleared, classification kept', () => {
      const reopened = event('IncidentReopened', {
        alertId: 'a-9',
        reopenCount: 1,
        alertCount: 2,
        reopenedAt: minute(9),
      });
      expect(summaryAfter(...history, reopened)).toMatchObject({
        status: 'triggered',
        team: 'infrastructure',
        severity: 'urgent',
        assignee: null,
        escalationLevel: 1,
        slaBreached: false,
        acknowledgedAt: null,
        mitigatedAt: null,
        resolvedAt: null,
        reopenCount: 1,
        alertCount: 2,
        reopenedAt: new Date(minute(9)),
        openedAt: new Date(minute(0)),
      });
    });
  });

  it('a reclassification changes the team but not the status', () => {
    const reclassified = reclassifiedAsBug(4);
    const acknowledged = event('IncidentAcknowledged', { responderId: 'bob', acknowledgedAt: minute(2) });
    expect(summaryAfter(opened(), triaged(), acknowledged, reclassified)).toMatchObject({
      status: 'acknowledged',
      team: 'application-support',
      severity: 'low',
    });
  });

  it('returning to the customer applies the downgrade', () => {
    const returned = event('IncidentReturnedToCustomer', {
      reason: 'no application support',
      returnedBy: 'triage',
      previousSeverity: 'urgent',
      downgradedTo: 'low',
      returnedAt: minute(3),
    });
    expect(summaryAfter(opened(), triaged(), returned)).toMatchObject({
      status: 'returned_to_customer',
      severity: 'low',
    });
  });
});

describe('incident summary: severity and assignment changes (issue 13)', () => {
  const acknowledged = [
    opened(),
    triaged(),
    event('IncidentAcknowledged', { responderId: 'bob', acknowledgedAt: minute(2) }),
  ];

  it('takes the new severity', () => {
    const changed = event('SeverityChanged', {
      previousSeverity: 'urgent',
      severity: 'low',
      reason: 'returned to the customer',
      changedBy: 'alice',
      changedAt: minute(3),
    });
    expect(summaryAfter(...acknowledged, changed)).toMatchObject({ severity: 'low', status: 'acknowledged' });
  });

  it('follows a take-over by a person and a hand-over to a team', () => {
    const toPerson = event('IncidentReassigned', {
      previousAssignee: 'bob',
      assigneeKind: 'person',
      assignee: 'erin',
      reason: 'level 2 takes over',
      reassignedBy: 'alice',
      reassignedAt: minute(3),
    });
    expect(summaryAfter(...acknowledged, toPerson)).toMatchObject({ assignee: 'erin', team: 'infrastructure' });
    const toTeam = event('IncidentReassigned', {
      previousAssignee: null,
      assigneeKind: 'team',
      assignee: 'database',
      reason: 'a database problem',
      reassignedBy: 'alice',
      reassignedAt: minute(4),
    });
    expect(summaryAfter(...acknowledged, toTeam)).toMatchObject({ assignee: null, team: 'database' });
  });

  it('goes back to the status the acknowledgement timeout returns it to', () => {
    const unacknowledged = event('IncidentUnacknowledged', {
      previousAssignee: 'bob',
      reason: 'acknowledgement timed out',
      unacknowledgedBy: 'escalation',
      status: 'triaged',
      unacknowledgedAt: minute(5),
    });
    expect(summaryAfter(...acknowledged, unacknowledged)).toMatchObject({
      status: 'triaged',
      assignee: null,
      acknowledgedAt: null,
    });
  });
});
