import { DeciderSpecification, INCIDENT_ID as incidentId, at, command, events, historyIn } from '../testing-support';
import { decided } from '../testing-support/decided-events';
import { IllegalTransitionError } from './incident-errors';
import { incidentDecider } from './incident-decider';

/** Issue 13 §1: the lifecycle as responders live it. */
const given = DeciderSpecification.for(incidentDecider);

const acknowledgedBeforeTriage = [events.opened(), events.acknowledged()];
const unacknowledged = (status: 'triggered' | 'triaged', reason = 'acknowledgement timed out', by = 'escalation') =>
  ({
    type: 'IncidentUnacknowledged',
    data: { incidentId, previousAssignee: 'alice', reason, unacknowledgedBy: by, status, unacknowledgedAt: at(60) },
  }) as const;
const sourceResolved = {
  type: 'IncidentResolved',
  data: { incidentId, cause: 'source', resolvedBy: 'alertmanager', reviewRequired: true },
} as const;

describe('a person resolves from any open status', () => {
  it.each(['triggered', 'triaged', 'acknowledged', 'mitigated'] as const)('resolves when %s', (status) => {
    const state = given(historyIn(status)).when(command('ResolveIncident')).then([decided.resolved()]);
    expect(state).toMatchObject({ status: 'resolved', resolvedAt: at(60) });
  });
});

describe('mitigation straight from triaged', () => {
  it('is mitigated, and whoever mitigated holds the incident', () => {
    const state = given(historyIn('triaged')).when(command('MitigateIncident')).then([decided.mitigated()]);
    expect(state).toMatchObject({ status: 'mitigated', assignee: 'alice', acknowledgedAt: null });
  });
});

describe('no action and return to customer after acknowledgement', () => {
  it('is marked as needing no action once acknowledged', () => {
    const state = given(historyIn('acknowledged'))
      .when(command('MarkIncidentNoAction'))
      .then([decided.markedNoAction()]);
    expect(state).toMatchObject({ status: 'no_action', disposition: { kind: 'no_action' } });
  });

  it('is returned to the customer once acknowledged', () => {
    const state = given(historyIn('acknowledged'))
      .when(command('ReturnIncidentToCustomer'))
      .then([decided.returnedToCustomer()]);
    expect(state).toMatchObject({ status: 'returned_to_customer', severity: 'low' });
  });

  it.each(['MarkIncidentNoAction', 'ReturnIncidentToCustomer'] as const)(
    'refuses %s when acknowledged before triage classified it',
    (type) => {
      given(acknowledgedBeforeTriage)
        .when(command(type))
        .thenThrows(IllegalTransitionError, {
          message: `cannot ${type}: incident is acknowledged (it has not been triaged)`,
        });
    },
  );
});

describe("source resolution follows the integration's autoResolve", () => {
  const recordedOnly = [decided.alertResolvedAtSource()];
  const resolving = [
    decided.alertResolvedAtSource(),
    {
      ...sourceResolved,
      data: { ...sourceResolved.data, summary: 'every alert resolved at the source', resolvedAt: at(60) },
    },
  ];
  const resolved = { status: 'resolved', resolvedAt: at(60) };

  // [policy, status before, the state after, the events decided]
  it.each([
    ['always', 'acknowledged', resolved, resolving],
    ['always', 'mitigated', resolved, resolving],
    ['always', 'triaged', resolved, resolving],
    ['unacknowledged', 'triggered', resolved, resolving],
    ['unacknowledged', 'triaged', resolved, resolving],
    ['unacknowledged', 'acknowledged', { status: 'acknowledged' }, recordedOnly],
    ['unacknowledged', 'mitigated', { status: 'mitigated' }, recordedOnly],
    ['never', 'triggered', { status: 'triggered' }, recordedOnly],
    ['never', 'acknowledged', { status: 'acknowledged' }, recordedOnly],
  ] as const)('with %s, when %s, ends %o', (autoResolve, status, after, decidedEvents) => {
    const state = given(historyIn(status)).when(command('ResolveAlertAtSource', { autoResolve })).then(decidedEvents);
    expect(state).toMatchObject(after);
  });

  it('does not resolve while some alerts still fire, whatever the policy', () => {
    const state = given(historyIn('acknowledged'))
      .when(command('ResolveAlertAtSource', { allAlertsResolved: false, autoResolve: 'always' }))
      .then([decided.alertResolvedAtSource({ allAlertsResolved: false })]);
    expect(state.status).toBe('acknowledged');
  });
});

describe('changing only the severity', () => {
  it('records the change with its reason', () => {
    const state = given(historyIn('triaged')).when(command('ChangeSeverity')).then([decided.severityChanged()]);
    expect(state).toMatchObject({ status: 'triaged', severity: 'low' });
  });

  it('lets application support send a returned incident back as urgent', () => {
    const state = given(historyIn('returned_to_customer'))
      .when(command('ChangeSeverity', { severity: 'urgent', reason: 'an infrastructure problem after all' }))
      .then([decided.severityChanged({ severity: 'urgent', reason: 'an infrastructure problem after all' })]);
    expect(state).toMatchObject({ status: 'returned_to_customer', severity: 'urgent' });
  });

  it.each([
    ['to the same severity', 'triaged', { severity: 'high' }, { reason: 'the severity is already high' }],
    ['once closed', 'closed', {}, { message: 'cannot ChangeSeverity: incident is closed' }],
  ] as const)('refuses a change %s', (_, status, overrides, error) => {
    given(historyIn(status)).when(command('ChangeSeverity', overrides)).thenThrows(IllegalTransitionError, error);
  });
});

describe('taking over after an escalation', () => {
  it('lets a different responder acknowledge and become the assignee', () => {
    const state = given(historyIn('acknowledged', { escalated: true }))
      .when(command('AcknowledgeIncident'))
      .then([decided.acknowledged()]);
    expect(state).toMatchObject({ status: 'acknowledged', assignee: 'bob', acknowledgedAt: at(60) });
  });

  it('refuses the same responder acknowledging again', () => {
    given(historyIn('acknowledged', { escalated: true }))
      .when(command('AcknowledgeIncident', { responderId: 'alice' }))
      .thenThrows(IllegalTransitionError, { reason: 'alice has already acknowledged it' });
  });

  it('needs a further escalation before a third responder takes over', () => {
    const takenOver = [
      ...historyIn('acknowledged', { escalated: true }),
      decided.acknowledged({ acknowledgedAt: at(6) }),
    ];
    given(takenOver)
      .when(command('AcknowledgeIncident', { responderId: 'carol' }))
      .thenThrows(IllegalTransitionError, { reason: 'it has not been escalated since it was acknowledged' });
  });
});

describe('un-acknowledging when the acknowledgement times out', () => {
  it('goes back to triaged, nobody assigned', () => {
    const state = given(historyIn('acknowledged'))
      .when(command('UnacknowledgeIncident'))
      .then([unacknowledged('triaged')]);
    expect(state).toMatchObject({ status: 'triaged', assignee: null, acknowledgedAt: null, severity: 'high' });
  });

  it('can then be acknowledged by the next responder paged', () => {
    const state = given([...historyIn('acknowledged'), unacknowledged('triaged')])
      .when(command('AcknowledgeIncident'))
      .then([decided.acknowledged()]);
    expect(state).toMatchObject({ status: 'acknowledged', assignee: 'bob' });
  });

  it('goes back to triggered when acknowledged before triage', () => {
    const state = given(acknowledgedBeforeTriage)
      .when(command('UnacknowledgeIncident'))
      .then([unacknowledged('triggered')]);
    expect(state).toMatchObject({ status: 'triggered', assignee: null });
  });

  it.each(['triaged', 'mitigated'] as const)('refuses when %s', (status) => {
    given(historyIn(status))
      .when(command('UnacknowledgeIncident'))
      .thenThrows(IllegalTransitionError, { message: `cannot UnacknowledgeIncident: incident is ${status}` });
  });
});

describe('reassigning', () => {
  const reassigned = (assigneeKind: 'person' | 'team', assignee: string, previousAssignee: string | null) =>
    ({
      type: 'IncidentReassigned',
      data: {
        incidentId,
        previousAssignee,
        assigneeKind,
        assignee,
        reason: 'level 2 takes over',
        reassignedBy: 'alice',
        reassignedAt: at(60),
      },
    }) as const;

  it.each(['acknowledged', 'mitigated'] as const)('hands a %s incident to a person, keeping the status', (status) => {
    const state = given(historyIn(status))
      .when(command('ReassignIncident'))
      .then([reassigned('person', 'erin', 'alice')]);
    expect(state).toMatchObject({ status, assignee: 'erin' });
  });

  it("hands an acknowledged incident to a team: un-acknowledged, the team's on-call must acknowledge", () => {
    const state = given(historyIn('acknowledged'))
      .when(command('ReassignIncident', { assigneeKind: 'team', assignee: 'database' }))
      .then([
        unacknowledged('triaged', 'reassigned to team database: level 2 takes over', 'alice'),
        reassigned('team', 'database', null),
      ]);
    expect(state).toMatchObject({ status: 'triaged', owningTeam: 'database', assignee: null });
  });

  it('hands a triaged incident to a team without a status change', () => {
    const state = given(historyIn('triaged'))
      .when(command('ReassignIncident', { assigneeKind: 'team', assignee: 'security' }))
      .then([reassigned('team', 'security', null)]);
    expect(state).toMatchObject({ status: 'triaged', owningTeam: 'security', assignee: null });
  });

  it('refuses handing it to the person who already holds it', () => {
    given(historyIn('acknowledged'))
      .when(command('ReassignIncident', { assignee: 'alice' }))
      .thenThrows(IllegalTransitionError, { reason: 'alice is already the assignee' });
  });

  it.each(['resolved', 'no_action'] as const)('refuses when %s', (status) => {
    given(historyIn(status))
      .when(command('ReassignIncident'))
      .thenThrows(IllegalTransitionError, { message: `cannot ReassignIncident: incident is ${status}` });
  });
});

describe('closing a resolved incident without a review', () => {
  it('records that the caller’s policy requires no review, and closes directly', () => {
    const resolved = given(historyIn('mitigated'))
      .when(command('ResolveIncident', { reviewRequired: false }))
      .then([decided.resolved({ reviewRequired: false })]);
    expect(resolved).toMatchObject({ status: 'resolved', reviewRequired: false });
  });

  it('lets a source resolution say no review is required', () => {
    const state = given(historyIn('triggered'))
      .when(command('ResolveAlertAtSource', { reviewRequired: false }))
      .then([
        decided.alertResolvedAtSource(),
        {
          ...sourceResolved,
          data: {
            ...sourceResolved.data,
            summary: 'every alert resolved at the source',
            reviewRequired: false,
            resolvedAt: at(60),
          },
        },
      ]);
    expect(state).toMatchObject({ status: 'resolved', reviewRequired: false });
  });

  it('closes when no review is required', () => {
    const noReview = [
      ...historyIn('mitigated'),
      decided.resolved({ cause: 'responder' as const, summary: 'flap', reviewRequired: false, resolvedAt: at(20) }),
    ];
    const state = given(noReview).when(command('CloseIncident')).then([decided.closed()]);
    expect(state).toMatchObject({ status: 'closed', reviewStartedAt: null });
  });

  it('refuses to close while a review is required', () => {
    given(historyIn('resolved')).when(command('CloseIncident')).thenThrows(IllegalTransitionError, {
      message: 'cannot CloseIncident: incident is resolved (a review is required: start it, or waive it with a reason)',
    });
  });

  it('waives the review with a reason, then closes', () => {
    const waived = given(historyIn('resolved'))
      .when(command('WaiveReview'))
      .then([
        {
          type: 'ReviewWaived',
          data: { incidentId, reason: 'a flapping alert, nothing to learn', waivedBy: 'carol', waivedAt: at(60) },
        },
      ]);
    expect(waived).toMatchObject({ status: 'resolved', reviewRequired: false });
    given(historyIn('resolved', { reviewWaived: true }))
      .when(command('CloseIncident'))
      .then([decided.closed()]);
  });

  it('refuses to waive a review twice', () => {
    given(historyIn('resolved', { reviewWaived: true }))
      .when(command('WaiveReview'))
      .thenThrows(IllegalTransitionError, { reason: 'no review is required' });
  });
});

describe.each(['no_action', 'returned_to_customer'] as const)('when %s (settled by triage)', (status) => {
  const history = historyIn(status);

  it('posts a status update telling the customer why', () => {
    const state = given(history).when(command('PostStatusUpdate')).then([decided.statusUpdatePosted()]);
    expect(state).toMatchObject({ status, lastStatusUpdateAt: at(60) });
  });

  it('logs time', () => {
    const state = given(history).when(command('LogTime')).then([decided.timeLogged()]);
    expect(state).toMatchObject({ status, loggedMinutes: 45 });
  });

  it("is reopened by the customer's reply within the window, triage's decision cleared", () => {
    const state = given(history)
      .when(command('ReopenIncident', { alertId: undefined, reopenedAt: at(63) }))
      .then([decided.reopened({ alertId: null, reopenedAt: at(63) })]);
    expect(state).toMatchObject({ status: 'triggered', disposition: null, reopenCount: 1 });
  });

  it('is not reopened after the window, counted from triage’s decision', () => {
    given(history)
      .when(command('ReopenIncident', { reopenedAt: at(64) }))
      .thenThrows(IllegalTransitionError, {
        reason: `the reopen window of 60 minutes after ${at(3)} has passed`,
      });
  });
});

describe('linking incidents', () => {
  const other = '0b1e2f6a-8c3d-4e5f-9a7b-1c2d3e4f5a6b';
  const linked = (relation: 'recurrence_of' | 'duplicate_of', note: string | null = null) =>
    ({
      type: 'IncidentLinked',
      data: { incidentId, linkedIncidentId: other, relation, note, linkedBy: 'carol', linkedAt: at(60) },
    }) as const;

  it.each(['triaged', 'in_review', 'closed'] as const)('links a recurrence when %s, keeping the status', (status) => {
    const state = given(historyIn(status))
      .when(command('LinkIncident'))
      .then([linked('recurrence_of')]);
    expect(state).toMatchObject({ status, links: [{ linkedIncidentId: other, relation: 'recurrence_of' }] });
  });

  it('links a duplicate with a note', () => {
    given(historyIn('triggered'))
      .when(command('LinkIncident', { relation: 'duplicate_of', note: 'same outage, second monitor' }))
      .then([linked('duplicate_of', 'same outage, second monitor')]);
  });

  it('refuses the same link twice', () => {
    given([...historyIn('triaged'), linked('recurrence_of')])
      .when(command('LinkIncident'))
      .thenThrows(IllegalTransitionError, { reason: `it is already linked as recurrence_of ${other}` });
  });

  it('refuses a link to itself', () => {
    given(historyIn('triaged'))
      .when(command('LinkIncident', { linkedIncidentId: incidentId }))
      .thenThrows(IllegalTransitionError, { reason: 'an incident cannot be linked to itself' });
  });
});
