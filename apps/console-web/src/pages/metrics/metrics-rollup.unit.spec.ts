import { type FigureRow, rollUp } from './metrics-rollup';

const row = (fields: Partial<FigureRow>): FigureRow => ({
  periodStart: '2026-11-30',
  team: 'infrastructure',
  severity: 'urgent',
  incidents: 0,
  acknowledged: 0,
  mttaSeconds: null,
  resolved: 0,
  mttrSeconds: null,
  breachedIncidents: 0,
  ...fields,
});

describe('rollUp', () => {
  it('weights each mean by the incidents it covers', () => {
    const rolled = rollUp(
      [
        row({ severity: 'urgent', incidents: 1, acknowledged: 1, mttaSeconds: 60, resolved: 1, mttrSeconds: 600 }),
        row({ severity: 'high', incidents: 3, acknowledged: 3, mttaSeconds: 180, resolved: 1, mttrSeconds: 1200 }),
      ],
      'team',
    );

    expect(rolled).toEqual([
      {
        key: 'infrastructure',
        incidents: 4,
        mttaMinutes: 2.5,
        mttrMinutes: 15,
        timeToReviewMinutes: null,
        slaCompliancePercent: 100,
      },
    ]);
  });

  it('gives no mean where nothing was acknowledged or resolved, and counts breaches against compliance', () => {
    const rolled = rollUp([row({ incidents: 4, breachedIncidents: 1 })], 'severity');

    expect(rolled).toEqual([
      {
        key: 'urgent',
        incidents: 4,
        mttaMinutes: null,
        mttrMinutes: null,
        timeToReviewMinutes: null,
        slaCompliancePercent: 75,
      },
    ]);
  });

  it('rolls up per category with time to review, and no compliance where breaches are not counted', () => {
    const { breachedIncidents: _none, ...withoutBreaches } = row({});
    const rolled = rollUp(
      [
        { ...withoutBreaches, category: 'availability.downtime', incidents: 2, reviewed: 2, timeToReviewSeconds: 3600 },
        { ...withoutBreaches, category: 'availability.downtime', incidents: 1, reviewed: 1, timeToReviewSeconds: 7200 },
      ],
      'category',
    );

    expect(rolled).toEqual([
      expect.objectContaining({
        key: 'availability.downtime',
        incidents: 3,
        timeToReviewMinutes: 80,
        slaCompliancePercent: null,
      }),
    ]);
  });
});
