import type { Directory, EscalationPolicy } from '@incident/directory';
import { incidentDecider, type IncidentEvent, type IncidentState, type OpenedIncident } from '@incident/domain';
import { at, command, events, historyIn, INCIDENT_ID } from '@incident/domain/testing';
import { escalationStep } from './escalation-policy';
import {
  continuesAfter,
  lastPagedPosition,
  levelTimerKey,
  maintenanceWindowOf,
  pageKeyOf,
  pagesToRequest,
  shouldPage,
} from './paging-plan';

const fold = (history: readonly IncidentEvent[]): IncidentState =>
  history.reduce(incidentDecider.evolve, incidentDecider.initialState());
const opened = (history: readonly IncidentEvent[]) => fold(history) as OpenedIncident;

const policy: EscalationPolicy = {
  id: 'infrastructure',
  name: 'Infrastructure',
  levels: [
    { delayMinutes: 0, targets: [{ kind: 'person', id: 'alice' }] },
    { delayMinutes: 5, targets: [{ kind: 'team', id: 'infrastructure' }] },
  ],
  repeats: 1,
};
const context = {
  teams: [{ id: 'infrastructure', name: 'Infrastructure', members: ['bob', 'alice'] }],
  onCall: () => [],
  drillParticipants: null,
};
const stepAt = (level: number, repeat: number) => {
  const step = escalationStep(policy, { level, repeat }, at(1), context);
  if (step.kind !== 'page') throw new Error('expected a page step');
  return step;
};

describe('paging plan', () => {
  describe('when triaged and nobody has acknowledged', () => {
    const incident = opened(historyIn('triaged'));

    it('pages under keys made of incident, cycle, level, attempt and target, never a clock', () => {
      expect(pagesToRequest(incident, 0, stepAt(2, 0))).toEqual([
        { pageId: '0.2.bob', target: 'bob', idempotencyKey: pageKeyOf(INCIDENT_ID, 0, 2, 2, 'bob') },
        { pageId: '0.2.alice', target: 'alice', idempotencyKey: `page:${INCIDENT_ID}:0:2:2:alice` },
      ]);
      expect(levelTimerKey(INCIDENT_ID, 0, { level: 2, repeat: 1 })).toBe(`escalation-level:${INCIDENT_ID}:0:2:1`);
    });

    it('pages and carries on with the policy', () => {
      expect(shouldPage(incident, 0, 'policy')).toBe(true);
      expect(continuesAfter(incident)).toBe(true);
    });

    it('does not page for another response cycle', () => {
      expect(shouldPage(incident, 1, 'policy')).toBe(false);
    });

    it('gives the commands it plans to the decider, which accepts them', () => {
      const pages = pagesToRequest(incident, 0, stepAt(1, 0));
      const request = command('RequestPages', { level: 1, attempt: 1, pages, requestedAt: at(2) });
      expect(incidentDecider.decide(request, incident).map((event) => event.type)).toEqual(['PageRequested']);
    });
  });

  describe('when a step was half done before a crash', () => {
    const requested: IncidentEvent = {
      type: 'PageRequested',
      data: {
        incidentId: INCIDENT_ID,
        pageId: '0.2.bob',
        level: 2,
        attempt: 2,
        target: 'bob',
        idempotencyKey: pageKeyOf(INCIDENT_ID, 0, 2, 2, 'bob'),
        requestedAt: at(2),
      },
    };
    const incident = opened([...historyIn('triaged'), requested]);

    it('asks only for the pages not recorded yet', () => {
      expect(pagesToRequest(incident, 0, stepAt(2, 0)).map((page) => page.pageId)).toEqual(['0.2.alice']);
    });

    it('knows where the policy stands from the stream', () => {
      expect(lastPagedPosition(incident, 0, policy)).toEqual({ level: 2, repeat: 0 });
    });
  });

  it('finds the round of a repeated level from its attempt', () => {
    const repeat: IncidentEvent = {
      type: 'PageRequested',
      data: {
        incidentId: INCIDENT_ID,
        pageId: '0.3.alice',
        level: 1,
        attempt: 3,
        target: 'alice',
        idempotencyKey: pageKeyOf(INCIDENT_ID, 0, 1, 3, 'alice'),
        requestedAt: at(12),
      },
    };
    expect(lastPagedPosition(opened([...historyIn('triaged'), repeat]), 0, policy)).toEqual({ level: 1, repeat: 1 });
  });

  describe.each(['resolved', 'no_action', 'returned_to_customer', 'closed'] as const)('when %s', (status) => {
    it('pages nobody, not even for help', () => {
      const incident = fold(historyIn(status));
      expect([shouldPage(incident, 0, 'policy'), shouldPage(incident, 0, 'help')]).toEqual([false, false]);
    });
  });

  describe('when acknowledged', () => {
    it('stops the policy', () => {
      expect(shouldPage(fold(historyIn('acknowledged')), 0, 'policy')).toBe(false);
    });

    it('still pages the level a person asked for after acknowledging, without carrying on', () => {
      const incident = opened(historyIn('acknowledged', { escalated: true }));
      expect(shouldPage(incident, 0, 'help')).toBe(true);
      expect(continuesAfter(incident)).toBe(false);
    });
  });

  describe('maintenance windows', () => {
    const window = {
      id: 'checkout-upgrade',
      customer: 'acme',
      services: ['checkout-api'],
      from: at(-30),
      until: at(30),
      reason: 'upgrade',
    };
    const directory = { maintenanceWindows: [window] } as unknown as Directory;
    const incident = opened([events.opened(), events.triaged()]);

    it("finds the window the incident's service is in", () => {
      expect(maintenanceWindowOf(directory, incident, at(1))?.id).toBe('checkout-upgrade');
    });

    it('finds none once the window has ended', () => {
      expect(maintenanceWindowOf(directory, incident, at(30))).toBeUndefined();
    });
  });
});
