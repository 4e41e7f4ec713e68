import { type TriageOutcome, WhatIfComparison, type WhatIfReport } from '@incident/directory';
import { whatIfTable } from './triage-whatif-table';

const routed: TriageOutcome = {
  category: 'availability.downtime',
  severity: 'high',
  owningTeam: 'customer-success',
  disposition: 'routed',
  ruleId: 'infrastructure',
  pages: true,
};

function report(changed: number, unchanged: number): WhatIfReport {
  const comparison = new WhatIfComparison();
  for (let n = 0; n < changed + unchanged; n++) {
    comparison.add({
      incidentId: `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`,
      openedAt: '2026-11-20T10:00:00.000Z',
      title: 'Payments worker down',
      customerId: 'initech',
      service: 'initech-payments-worker',
      decidedBy: n === 0 ? 'person' : 'rules',
      actual: routed,
      proposed: n < changed ? { ...routed, owningTeam: 'app-support' } : routed,
    });
  }
  return {
    period: { from: '2026-11-03T12:00:00.000Z', to: '2026-12-03T12:00:00.000Z' },
    ruleSet: { version: null, rules: 14 },
    ...comparison.report(),
  };
}

describe('whatIfTable', () => {
  it('prints the totals, the changes in words and a row per incident, decided → proposed', () => {
    const lines = whatIfTable(report(2, 3), 'proposed.yaml').split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'What-if proposed.yaml (14 rules), incidents opened 2026-11-03T12:00:00.000Z to 2026-12-03T12:00:00.000Z:',
      '5 incidents replayed, 2 would have been decided differently (1 of them decided by a person *)',
      '',
      '  2 incidents would have gone to app-support instead of customer-success',
    ]);
    expect(lines[5]).toMatch(/^incident +opened +customer +service +team +category +severity +disposition +pages$/);
    expect(lines[6]).toMatch(
      /^00000000\* 2026-11-20 10:00 {2}initech {4}initech-payments-worker {2}customer-success → app-support +availability\.downtime +high +routed +true$/,
    );
    expect(lines).toHaveLength(9);
  });

  it('shows the first rows only, and says how many more there are', () => {
    const text = whatIfTable(report(5, 0), 'proposed.yaml', 2);
    expect(text.trimEnd().split('\n').at(-1)).toBe('… 3 more (all of them: --format csv or json)');
  });

  it('given no difference: the totals only', () => {
    expect(whatIfTable(report(0, 2), 'same.yaml').split('\n').slice(1)).toEqual([
      '2 incidents replayed, 0 would have been decided differently',
      '',
      '  no difference over 2 incidents',
      '',
    ]);
  });
});
