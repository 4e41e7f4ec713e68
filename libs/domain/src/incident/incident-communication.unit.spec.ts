import { DeciderSpecification, INCIDENT_ID as incidentId, at, command, historyIn } from '../testing-support';
import { IllegalTransitionError } from './incident-errors';
import { incidentDecider } from './incident-decider';
import type { IncidentEvent } from './incident-events';
import { ACTIVE_STATUSES } from './lifecycle';

const given = DeciderSpecification.for(incidentDecider);

const team = [
  { personId: 'alice', role: 'incident_commander' },
  { personId: 'bob', role: 'communications' },
  { personId: 'sam', role: 'security' },
] as const;
const assembled: IncidentEvent = {
  type: 'ResponseTeamAssembled',
  data: { incidentId, members: team, assembledBy: 'alice', assembledAt: at(60) },
};
const notified: IncidentEvent = {
  type: 'CustomerNotified',
  data: {
    incidentId,
    channel: 'email',
    message: 'We are restoring the checkout; next update within the hour',
    nextUpdateDue: at(120),
    notifiedBy: 'bob',
    notifiedAt: at(60),
  },
};

describe('response team', () => {
  describe.each(ACTIVE_STATUSES)('when %s', (status) => {
    it('is assembled, and the status does not change', () => {
      const state = given(historyIn(status)).when(command('AssembleResponseTeam')).then([assembled]);
      expect(state).toMatchObject({ status, responseTeam: team });
    });
  });

  it('is replaced when assembled again', () => {
    const members = [
      { personId: 'carol', role: 'incident_commander' },
      { personId: 'alice', role: 'responder' },
    ] as const;
    const state = given([...historyIn('acknowledged'), assembled])
      .when(command('AssembleResponseTeam', { members, assembledAt: at(70) }))
      .then([
        { type: 'ResponseTeamAssembled', data: { incidentId, members, assembledBy: 'alice', assembledAt: at(70) } },
      ]);
    expect(state).toMatchObject({ responseTeam: members });
  });

  it('is not assembled once resolved', () => {
    given(historyIn('resolved'))
      .when(command('AssembleResponseTeam'))
      .thenThrows(IllegalTransitionError, { message: 'cannot AssembleResponseTeam: incident is resolved' });
  });
});

describe('customer notification', () => {
  describe.each([...ACTIVE_STATUSES, 'resolved', 'in_review', 'no_action', 'returned_to_customer'] as const)(
    'when %s',
    (status) => {
      it('tells the customer and promises the next update, without changing the status', () => {
        const state = given(historyIn(status)).when(command('NotifyCustomer')).then([notified]);
        expect(state).toMatchObject({
          status,
          lastCustomerNotificationAt: at(60),
          nextCustomerUpdateDue: at(120),
          lastStatusUpdateAt: null,
          lastCustomerUpdateAt: at(60),
        });
      });
    },
  );

  it('may promise no further update', () => {
    const state = given([...historyIn('resolved'), notified])
      .when(
        command('NotifyCustomer', {
          message: 'Resolved: pods restarted',
          nextUpdateDue: undefined,
          notifiedAt: at(90),
        }),
      )
      .then([
        {
          type: 'CustomerNotified',
          data: {
            incidentId,
            channel: 'email',
            message: 'Resolved: pods restarted',
            nextUpdateDue: null,
            notifiedBy: 'bob',
            notifiedAt: at(90),
          },
        },
      ]);
    expect(state).toMatchObject({ lastCustomerNotificationAt: at(90), nextCustomerUpdateDue: null });
  });

  it('is not sent once closed', () => {
    given(historyIn('closed'))
      .when(command('NotifyCustomer'))
      .thenThrows(IllegalTransitionError, { message: 'cannot NotifyCustomer: incident is closed' });
  });
});
