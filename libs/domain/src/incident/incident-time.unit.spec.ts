import { decided, DeciderSpecification, expectEvent, at, command, historyIn } from '../testing-support';
import { IllegalTransitionError } from './incident-errors';
import { incidentDecider } from './incident-decider';
import type { IncidentEvent } from './incident-events';
import type { TimeKind } from './incident-values';
import { TIME_KINDS } from './incident-values';

const given = DeciderSpecification.for(incidentDecider);

/** acme's pre-approved time for March 2025: ten hours, nine used by earlier incidents. */
const march = { period: '2025-03', budgetMinutes: 600, usedMinutes: 540 };

const logged = (minutes: number, kind: TimeKind = 'corrective', period: string | null = '2025-03'): IncidentEvent =>
  decided.timeLogged({ kind, minutes, totalMinutes: minutes, period });

/** March's 600 pre-approved minutes overrun, now at `usedMinutes`, for `reason`. */
const exceeded = (usedMinutes: number, reason: string): IncidentEvent =>
  expectEvent('PreApprovedHoursExceeded', { customerId: 'acme', ...march, usedMinutes, reason, exceededAt: at(60) });

describe('time logged against the customer’s pre-approved hours for the period', () => {
  // Triaged without an incident allowance: only the customer's period budget applies.
  const history = historyIn('acknowledged').map((event) =>
    event.type === 'IncidentTriaged' ? { ...event, data: { ...event.data, preApprovedMinutes: null } } : event,
  );

  it.each(TIME_KINDS)('records %s time with the period it counts against', (kind) => {
    given(history)
      .when(command('LogTime', { kind, minutes: 30, preApproved: march }))
      .then([logged(30, kind)]);
  });

  it('records time without a budget when none is known', () => {
    given(history)
      .when(command('LogTime', { minutes: 30 }))
      .then([logged(30, 'corrective', null)]);
  });

  it('may use the budget up exactly', () => {
    given(history)
      .when(command('LogTime', { minutes: 60, preApproved: march }))
      .then([logged(60)]);
  });

  it('refuses to go past the budget without a reason', () => {
    given(history)
      .when(command('LogTime', { minutes: 61, preApproved: march }))
      .thenThrows(IllegalTransitionError, {
        reason: "601 min would exceed acme's 600 pre-approved min for 2025-03: give an overrunReason",
      });
  });

  it('goes past it with a reason, recording the overrun with the figures', () => {
    const overrunReason = 'the customer asked us to finish the migration';
    const state = given(history)
      .when(command('LogTime', { minutes: 90, preApproved: march, overrunReason }))
      .then([logged(90), exceeded(630, overrunReason)]);
    expect(state).toMatchObject({ loggedMinutes: 90, preApprovedHoursExceeded: true });
  });

  it('records every further entry past an overrun budget, each with its reason', () => {
    const over = { ...march, usedMinutes: 630 };
    given(history)
      .when(command('LogTime', { minutes: 15, preApproved: over }))
      .thenThrows(IllegalTransitionError, {
        reason: "645 min would exceed acme's 600 pre-approved min for 2025-03: give an overrunReason",
      });
    given(history)
      .when(command('LogTime', { minutes: 15, preApproved: over, overrunReason: 'still migrating' }))
      .then([logged(15), exceeded(645, 'still migrating')]);
  });
});
