import { decided, at, events, historyIn, STATUSES } from '../testing-support';
import { evolve } from './evolve';
import { UnexpectedEventError } from './incident-errors';
import { replayIncident } from './incident-decider';
import type { IncidentEvent } from './incident-events';
import { initialState } from './incident-state';

describe('evolve', () => {
  it('starts from no incident', () => {
    expect(initialState()).toEqual({ status: 'initial' });
  });

  it.each(STATUSES)('rebuilds an incident that is %s', (status) => {
    expect(replayIncident(historyIn(status)).status).toBe(status);
  });

  it('does not mutate the state it is given', () => {
    const before = replayIncident(historyIn('acknowledged'));
    const snapshot = structuredClone(before);
    evolve(before, events.mitigated());
    expect(before).toEqual(snapshot);
  });

  it.each<[string, IncidentEvent[], IncidentEvent, string]>([
    ['an event before the incident was opened', [], events.acknowledged(), 'initial'],
    ['a second opening', historyIn('triggered'), events.opened(), 'triggered'],
    ['mitigation before triage', historyIn('triggered'), events.mitigated(), 'triggered'],
    ['no action before triage', [events.opened(), events.acknowledged()], events.markedNoAction(), 'acknowledged'],
    ['closing an incident being worked', historyIn('acknowledged'), events.closed(), 'acknowledged'],
    ['a review of an unresolved incident', historyIn('mitigated'), events.reviewStarted(), 'mitigated'],
    [
      'a reopening of an incident still open',
      historyIn('acknowledged'),
      decided.reopened({ alertId: null, reopenedAt: at(5) }),
      'acknowledged',
    ],
  ])('refuses %s', (_, history, event, status) => {
    expect(() => evolve(replayIncident(history), event)).toThrow(
      new UnexpectedEventError(event.type, status as 'initial'),
    );
  });
});
