import { foldCycles } from './escalation-history';

const T = (minute: number) => new Date(Date.parse('2026-11-10T10:00:00Z') + minute * 60_000).toISOString();
const opened = (drill = false) => ({ type: 'IncidentOpened', data: { drill, openedAt: T(0) } });
const triaged = (minute: number, owningTeam = 'customer-success', severity = 'high') => ({
  type: 'IncidentTriaged',
  data: { owningTeam, severity, triagedAt: T(minute) },
});
const at = (type: string, field: string, minute: number, extra: object = {}) => ({
  type,
  data: { [field]: T(minute), ...extra },
});

describe('foldCycles', () => {
  describe('given an incident triaged, then acknowledged', () => {
    it('is one cycle paging from triage until the acknowledgement', () => {
      expect(foldCycles('i', [opened(), triaged(1), at('IncidentAcknowledged', 'acknowledgedAt', 8)])).toEqual([
        {
          incidentId: 'i',
          drill: false,
          team: 'customer-success',
          severity: 'high',
          openedAt: T(0),
          acknowledgedAt: T(8),
          runs: [{ from: T(1), until: T(8) }],
        },
      ]);
    });
  });

  describe('given an incident nobody triaged', () => {
    it('has no cycle: nothing would have paged', () => {
      expect(foldCycles('i', [opened(), at('IncidentResolved', 'resolvedAt', 5)])).toEqual([]);
    });
  });

  describe('given an incident acknowledged before it was triaged', () => {
    it('has no cycle: paging never began', () => {
      expect(foldCycles('i', [opened(), at('IncidentAcknowledged', 'acknowledgedAt', 1), triaged(2)])).toEqual([]);
    });
  });

  describe('given an acknowledgement withdrawn (unacknowledged) and given again', () => {
    it('pages again in the same cycle, the SLA keeping the first acknowledgement', () => {
      const [cycle] = foldCycles('i', [
        opened(),
        triaged(1),
        at('IncidentAcknowledged', 'acknowledgedAt', 4),
        at('IncidentUnacknowledged', 'unacknowledgedAt', 30),
        at('IncidentAcknowledged', 'acknowledgedAt', 42),
      ]);
      expect([cycle?.acknowledgedAt, cycle?.runs]).toEqual([
        T(4),
        [
          { from: T(1), until: T(4) },
          { from: T(30), until: T(42) },
        ],
      ]);
    });
  });

  describe('given a resolved incident reopened', () => {
    it('starts a second cycle at the reopen, with the classification kept and its own SLA clock', () => {
      const cycles = foldCycles('i', [
        opened(true),
        triaged(1),
        at('IncidentResolved', 'resolvedAt', 10),
        at('IncidentReopened', 'reopenedAt', 60),
        at('SeverityChanged', 'changedAt', 61, { severity: 'critical' }),
      ]);
      expect(cycles.map((c) => [c.openedAt, c.severity, c.drill, c.acknowledgedAt, c.runs])).toEqual([
        [T(0), 'high', true, null, [{ from: T(1), until: T(10) }]],
        [T(60), 'critical', true, null, [{ from: T(60), until: null }]],
      ]);
    });
  });

  describe('given a reclassification to another team', () => {
    it('replays the cycle for the team it ended with', () => {
      const [cycle] = foldCycles('i', [
        opened(),
        triaged(1),
        { type: 'IncidentReclassified', data: { owningTeam: 'database', severity: 'low' } },
      ]);
      expect([cycle?.team, cycle?.severity]).toEqual(['database', 'low']);
    });
  });
});
