import type { IncidentEvent } from '@incident/domain';
import { foldView, onlyOneFiring } from './incident-view';

const T = '2026-11-22T10:00:00.000Z';
const opened: IncidentEvent = {
  type: 'IncidentOpened',
  data: {
    incidentId: 'i-1',
    dedupKey: 'k',
    source: 's',
    customerId: 'c',
    service: 'svc',
    title: 't',
    category: null,
    severity: null,
    labels: {},
    drill: false,
    alertId: 'a',
    openedAt: T,
  },
};

describe('incident view', () => {
  describe('when opened by alert a and correlated with alert b', () => {
    const view = foldView([
      opened,
      { type: 'AlertCorrelated', data: { incidentId: 'i-1', alertId: 'b', alertCount: 2, receivedAt: T } },
    ]);
    it('knows both alerts fire', () => {
      expect([...view.firing]).toEqual([
        ['a', true],
        ['b', true],
      ]);
      expect(onlyOneFiring(view, 'a')).toBe(false);
    });
  });
});
