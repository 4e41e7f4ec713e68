import { WhatIfComparison, differencesOf } from './whatif-comparison';
import { whatIfCsv, WHATIF_CSV_HEADER } from './whatif-csv';
import type { TriageOutcome } from './triage-outcome';

const toCustomerSuccess: TriageOutcome = {
  category: 'availability.downtime',
  severity: 'high',
  owningTeam: 'customer-success',
  disposition: 'routed',
  ruleId: 'infra-downtime',
  pages: true,
};
const toApplicationSupport: TriageOutcome = {
  ...toCustomerSuccess,
  owningTeam: 'application-support',
  ruleId: 'app-downtime',
};
const noAction: TriageOutcome = { ...toCustomerSuccess, disposition: 'no_action', ruleId: 'staging', pages: false };

const row = (n: number, actual: TriageOutcome, proposed: TriageOutcome, decidedBy: 'rules' | 'person' = 'rules') => ({
  incidentId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  openedAt: '2026-11-22T04:00:00.000Z',
  title: 'Checkout API is down',
  customerId: 'acme',
  service: 'checkout-api',
  decidedBy,
  actual,
  proposed,
});

describe('differencesOf', () => {
  it('names each aspect that changed, and not the rule id alone', () => {
    expect(differencesOf(toCustomerSuccess, { ...toCustomerSuccess, ruleId: 'renamed' })).toEqual([]);
    expect(differencesOf(toCustomerSuccess, noAction)).toEqual(['disposition', 'pages']);
    expect(differencesOf(toCustomerSuccess, { ...toApplicationSupport, severity: 'urgent' })).toEqual([
      'severity',
      'owningTeam',
    ]);
  });
});

describe('given 37 incidents re-routed, 12 no longer paging and 51 unchanged', () => {
  const comparison = new WhatIfComparison();
  for (let n = 0; n < 37; n++)
    comparison.add(row(n, toCustomerSuccess, toApplicationSupport, n < 2 ? 'person' : 'rules'));
  for (let n = 37; n < 49; n++) comparison.add(row(n, toCustomerSuccess, noAction));
  for (let n = 49; n < 100; n++) comparison.add(row(n, toCustomerSuccess, toCustomerSuccess));
  const { totals, rows } = comparison.report();

  it('counts every incident examined, and keeps only the rows that differ', () => {
    expect(totals.incidents).toBe(100);
    expect(totals.changed).toBe(49);
    expect(rows).toHaveLength(49);
    expect(totals.changedWherePersonDecided).toBe(2);
    expect(totals.byAspect).toEqual({ category: 0, severity: 0, owningTeam: 37, disposition: 12, pages: 12 });
  });

  it('counts each transition, from what was decided to what would have been', () => {
    expect(totals.owningTeam).toEqual([{ from: 'customer-success', to: 'application-support', incidents: 37 }]);
    expect(totals.disposition).toEqual([{ from: 'routed', to: 'no_action', incidents: 12 }]);
    expect(totals.pages).toEqual({ actual: 100, proposed: 88 });
  });

  it('says it in words, largest change first, pages last', () => {
    expect(totals.summary).toEqual([
      '37 incidents would have gone to application-support instead of customer-success',
      '12 incidents would have been marked no action needed instead of routed to a team',
      '12 fewer pages',
    ]);
  });

  it('writes the rows as CSV with a header, quoting where needed', () => {
    const csv = whatIfCsv([{ ...rows[0]!, title: 'Down, "again"' }]).split('\r\n');
    expect(csv[0]).toBe(WHATIF_CSV_HEADER.join(','));
    expect(csv[1]).toBe(
      '00000000-0000-4000-8000-000000000000,2026-11-22T04:00:00.000Z,acme,checkout-api,"Down, ""again""",person,' +
        'availability.downtime,high,customer-success,routed,infra-downtime,true,' +
        'availability.downtime,high,application-support,routed,app-downtime,true,owningTeam',
    );
    expect(csv).toHaveLength(3);
  });
});

describe('given no incident changes', () => {
  it('reports no difference, and no page delta', () => {
    const comparison = new WhatIfComparison();
    comparison.add(row(1, noAction, noAction));
    expect(comparison.report().totals.summary).toEqual(['no difference over 1 incident']);
  });
});
