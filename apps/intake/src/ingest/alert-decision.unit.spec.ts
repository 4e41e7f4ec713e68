import type { IncidentEvent } from '@incident/domain';
import type { Integration } from '@incident/contracts';
import { commandFor, needsNewIncident } from './alert-decision';
import type { AlertSignal } from './alert-signal';
import { emptyView, foldView } from './incident-view';
import { incidentOpened } from '../test-support/incident-opened';

const T0 = '2026-11-22T10:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const integration = { id: 'int-1', customerId: 'acme' } as Integration;
const signal = (action: AlertSignal['action'], dedupKey = 'a'): AlertSignal =>
  ({ integration, action, dedupKey, title: 't', source: 's', service: 'svc', labels: {} }) as unknown as AlertSignal;
const opened = (alertId: string) => incidentOpened({ dedupKey: alertId, alertId, openedAt: T0 });
const resolved: IncidentEvent[] = [
  opened('a'),
  { type: 'AlertResolvedAtSource', data: { incidentId: 'i-1', alertId: 'a', allAlertsResolved: true, resolvedAt: T0 } },
  {
    type: 'IncidentResolved',
    data: { incidentId: 'i-1', cause: 'source', resolvedBy: 's', summary: 'gone', resolvedAt: T0 },
  } as IncidentEvent,
];

describe('alert decisions', () => {
  describe('when the group has no incident yet', () => {
    it('opens one for a firing alert and ignores a resolve or an acknowledge', () => {
      expect(commandFor(signal('fire'), 'i-1', emptyView(), T0, 30)?.type).toBe('OpenIncident');
      expect(commandFor(signal('resolve'), 'i-1', emptyView(), T0, 30)).toBeNull();
      expect(commandFor(signal('acknowledge'), 'i-1', emptyView(), T0, 30)).toBeNull();
    });

    it('opens a drill for an alert labelled drill=true (issue 14), and only for that', () => {
      const drill = { ...signal('fire'), labels: { drill: 'true' } };
      expect(commandFor(drill, 'i-1', emptyView(), T0, 30)?.data).toMatchObject({ drill: true });
      expect(commandFor(signal('fire'), 'i-1', emptyView(), T0, 30)?.data).not.toHaveProperty('drill');
    });
  });

  describe('when triggered by alerts a and b', () => {
    const view = foldView([
      opened('a'),
      { type: 'AlertCorrelated', data: { incidentId: 'i-1', alertId: 'b', alertCount: 2, receivedAt: T0 } },
    ]);
    it('correlates another firing alert', () => {
      expect(commandFor(signal('fire', 'c'), 'i-1', view, T0, 30)?.type).toBe('CorrelateAlert');
    });
    it('resolves a at the source without claiming every alert resolved', () => {
      expect(commandFor(signal('resolve', 'a'), 'i-1', view, T0, 30)).toMatchObject({
        type: 'ResolveAlertAtSource',
        data: { alertId: 'a', allAlertsResolved: false },
      });
    });
    it('acknowledges for a PagerDuty acknowledge', () => {
      expect(commandFor(signal('acknowledge'), 'i-1', view, T0, 30)?.type).toBe('AcknowledgeIncident');
    });
  });

  describe('when acknowledged (issue 13)', () => {
    const view = foldView([
      opened('a'),
      { type: 'IncidentAcknowledged', data: { incidentId: 'i-1', responderId: 'bob', acknowledgedAt: T0 } },
    ]);
    it("passes the integration's autoResolve with the source's resolve", () => {
      const unacknowledgedOnly = { ...integration, autoResolve: 'unacknowledged' } as Integration;
      const resolve = { ...signal('resolve'), integration: unacknowledgedOnly };
      expect(commandFor(resolve, 'i-1', view, T0, 30)).toMatchObject({
        type: 'ResolveAlertAtSource',
        data: { alertId: 'a', allAlertsResolved: true, autoResolve: 'unacknowledged' },
      });
    });
    it('ignores a further acknowledge from the source', () => {
      expect(commandFor(signal('acknowledge'), 'i-1', view, T0, 30)).toBeNull();
    });
  });

  describe('when resolved at the source', () => {
    const view = foldView(resolved);
    it('reopens within the window and needs a new incident after it', () => {
      expect(needsNewIncident(view, at(30), 30)).toBe(false);
      expect(commandFor(signal('fire'), 'i-1', view, at(30), 30)?.type).toBe('ReopenIncident');
      expect(needsNewIncident(view, at(31), 30)).toBe(true);
    });
    it('ignores a late resolve', () => {
      expect(commandFor(signal('resolve'), 'i-1', view, at(1), 30)).toBeNull();
    });
  });
});
