import {
  acknowledged,
  minute,
  projected,
  reclassifiedAsBug,
  triaged,
  withoutProvenance,
  withProvenance,
} from '../testing-support/projected';
import { triageDecisionFor } from './triage-decision.evolve';

describe('triage decisions', () => {
  it('record the rule, who decided, when, and what', () => {
    expect(triageDecisionFor(projected(withoutProvenance(triaged('database', 'high')), 1))).toEqual({
      incidentId: 'incident-under-test',
      streamRevision: 1,
      decision: 'triaged',
      decidedAt: new Date(minute(1)),
      decidedByKind: 'user',
      decidedBy: 'alice',
      ruleSetVersion: null,
      ruleId: 'rule-1',
      reasons: [],
      category: 'resources.exhausted',
      severity: 'high',
      team: 'database',
    });
  });

  it('keep the rule set version and reasons where triage records them', () => {
    const reasons = ['labels.kind = bug', 'customer has application support'];
    const explained = withProvenance(reclassifiedAsBug(3), 12, reasons);
    expect(triageDecisionFor(projected(explained, 4))).toMatchObject({
      decision: 'reclassified',
      ruleSetVersion: 12,
      ruleId: 'rule-2',
      reasons,
    });
  });

  it('no other event is a decision', () => {
    expect(triageDecisionFor(projected(acknowledged(2), 2))).toBeUndefined();
  });
});
