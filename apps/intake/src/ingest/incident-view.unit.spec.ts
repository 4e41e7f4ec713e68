import { foldView, onlyOneFiring } from './incident-view';
import { incidentOpened } from '../test-support/incident-opened';

const T = '2026-11-22T10:00:00.000Z';
const opened = incidentOpened({ dedupKey: 'k', customerId: 'c', openedAt: T });

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
