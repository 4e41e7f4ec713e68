import type { IncidentSummary } from './incident-summary.entity';
import { evolveIncidentSummary } from './incident-summary.evolve';
import {
  acknowledged,
  escalatedOnTimeout,
  event,
  fold,
  minute,
  mitigated,
  opened,
  reassigned,
  reclassifiedAsBug,
  resolved,
  severityChanged,
  triaged,
  unacknowledged,
} from '../testing-support/projected';

const summaryAfter = (...events: Parameters<typeof fold>[2]) =>
  fold<IncidentSummary | undefined>(evolveIncidentSummary, undefined, events);

describe('incident summary', () => {
  it('ignores events of an incident it never saw opened', () => {
    expect(summaryAfter(acknowledged(2))).toBeUndefined();
  });

  describe('when acknowledged and resolved', () => {
    const history = [
      opened(),
      triaged(),
      acknowledged(2),
      escalatedOnTimeout(1, 2, 3),
      event('SlaBreached', { sla: 'mitigation', targetMinutes: 5, breachedAt: minute(6) }),
      mitigated(7, { summary: 'space freed' }),
      resolved(8, { summary: 'grown' }),
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
    expect(summaryAfter(opened(), triaged(), acknowledged(2), reclassified)).toMatchObject({
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
  const acknowledgedByBob = [opened(), triaged(), acknowledged(2)];

  it('takes the new severity', () => {
    const changed = severityChanged(3);
    expect(summaryAfter(...acknowledgedByBob, changed)).toMatchObject({ severity: 'low', status: 'acknowledged' });
  });

  it('follows a take-over by a person and a hand-over to a team', () => {
    const toPerson = reassigned(3);
    expect(summaryAfter(...acknowledgedByBob, toPerson)).toMatchObject({
      assignee: 'erin',
      assigneeKind: 'person',
      assignedAt: new Date(minute(3)),
      team: 'infrastructure',
    });
    const toTeam = reassigned(4, {
      previousAssignee: null,
      assigneeKind: 'team',
      assignee: 'database',
      reason: 'a database problem',
    });
    expect(summaryAfter(...acknowledgedByBob, toTeam)).toMatchObject({
      assignee: 'database',
      assigneeKind: 'team',
      assignedAt: new Date(minute(4)),
      team: 'database',
    });
  });

  it('goes back to the status the acknowledgement timeout returns it to', () => {
    expect(summaryAfter(...acknowledgedByBob, unacknowledged(5))).toMatchObject({
      status: 'triaged',
      assignee: null,
      assigneeKind: null,
      assignedAt: null,
      acknowledgedAt: null,
    });
  });

  it('an acknowledgement after the timeout makes the new responder the assignee', () => {
    const taken = acknowledged(7, { responderId: 'erin' });
    expect(summaryAfter(...acknowledgedByBob, unacknowledged(5), taken)).toMatchObject({
      status: 'acknowledged',
      assignee: 'erin',
      assigneeKind: 'person',
      assignedAt: new Date(minute(7)),
    });
  });
});
