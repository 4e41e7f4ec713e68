import type { Directory } from '../../directory';
import type { TriageEvaluation } from '../triage-rule-set';
import { directoryAt } from './directory-timeline';
import { proposedOutcome } from './proposed-outcome';
import { whatIfPeriod } from './whatif-period';

const evaluation = (decision: TriageEvaluation['decision']): TriageEvaluation => ({
  decision,
  ruleId: 'r1',
  ruleSetVersion: null,
  reasons: [],
  ruleResults: [],
});
const triage = {
  kind: 'triage',
  severity: 'high',
  category: 'defect.bug',
  owningTeam: 'application-support',
  disposition: null,
  flags: [],
  customerNotification: null,
  maintenanceWindowId: null,
  drill: false,
} as const;

describe('proposedOutcome', () => {
  it('given a routing: routed, paging', () => {
    expect(proposedOutcome(evaluation(triage))).toEqual({
      category: 'defect.bug',
      severity: 'high',
      owningTeam: 'application-support',
      disposition: 'routed',
      ruleId: 'r1',
      pages: true,
    });
  });

  it('given a return to the customer: the downgraded severity, no page', () => {
    const returned = { kind: 'return_to_customer', reason: 'not subscribed', downgradeTo: 'normal' } as const;
    expect(proposedOutcome(evaluation({ ...triage, disposition: returned }))).toMatchObject({
      disposition: 'returned_to_customer',
      severity: 'normal',
      pages: false,
    });
  });

  it('given a drill or a maintenance window: routed, but no page', () => {
    expect(proposedOutcome(evaluation({ ...triage, drill: true })).pages).toBe(false);
    expect(proposedOutcome(evaluation({ ...triage, maintenanceWindowId: 'w1' })).pages).toBe(false);
  });

  it('given the rules leave it for a person: untriaged, with the rule that left it', () => {
    expect(proposedOutcome(evaluation({ kind: 'leave_for_person', missing: ['severity'] }))).toMatchObject({
      disposition: 'untriaged',
      owningTeam: null,
      ruleId: 'r1',
      pages: false,
    });
  });
});

describe('directoryAt', () => {
  const v1 = { customers: [] } as unknown as Directory;
  const v2 = { customers: [] } as unknown as Directory;
  const versions = [
    { since: 100, directory: v1 },
    { since: 200, directory: v2 },
  ];

  it('is the last version applied at or before the moment, none before the first', () => {
    expect(directoryAt(versions, 99)).toBeUndefined();
    expect(directoryAt(versions, 100)).toBe(v1);
    expect(directoryAt(versions, 199)).toBe(v1);
    expect(directoryAt(versions, 5_000)).toBe(v2);
    expect(directoryAt([], 5_000)).toBeUndefined();
  });
});

describe('whatIfPeriod', () => {
  const now = new Date('2026-12-03T12:00:00.000Z');

  it('defaults to the last 30 days', () => {
    expect(whatIfPeriod({}, now)).toEqual({ from: new Date('2026-11-03T12:00:00.000Z'), to: now });
  });

  it('takes since in hours, days or weeks, or from and to', () => {
    expect(whatIfPeriod({ since: '12h' }, now)).toEqual({ from: new Date('2026-12-03T00:00:00.000Z'), to: now });
    expect(whatIfPeriod({ since: '2w' }, now)).toEqual({ from: new Date('2026-11-19T12:00:00.000Z'), to: now });
    expect(whatIfPeriod({ from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' }, now)).toEqual({
      from: new Date('2026-11-01T00:00:00.000Z'),
      to: new Date('2026-11-02T00:00:00.000Z'),
    });
  });

  it('refuses what names no period', () => {
    expect(whatIfPeriod({ since: '30 days' }, now)).toEqual({
      error: 'since must be a number and a unit: 12h, 30d, 2w',
    });
    expect(whatIfPeriod({ since: '1d', from: '2026-11-01T00:00:00Z' }, now)).toEqual({
      error: 'give since or from, not both',
    });
    expect(whatIfPeriod({ from: '2026-12-04T00:00:00Z' }, now)).toEqual({ error: 'from must be before to' });
    expect(whatIfPeriod({ to: 'yesterday' }, now)).toEqual({
      error: 'to must be an ISO-8601 time, e.g. 2026-11-22T04:00:00Z',
    });
  });
});
