import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReviewPolicy, type ReviewPolicy } from '@incident/directory';
import type { ReviewFacts } from './review-facts';
import { reviewNeeded, reviewNeededWithoutPolicy } from './review-needed';
import { waiverRefusal } from './waiver-authority';

const parsed = parseReviewPolicy(
  readFileSync(join(__dirname, '../../../../config/review-policy.example.yaml'), 'utf8'),
  'review-policy.example.yaml',
);
const POLICY: ReviewPolicy = { ...('policy' in parsed ? parsed.policy : ({} as ReviewPolicy)), version: 3 };

const facts = (overrides: Partial<ReviewFacts>): ReviewFacts => ({
  severity: 'low',
  category: 'defect.bug',
  drill: false,
  reopenCount: 0,
  slaBreached: false,
  labels: {},
  resolvedAt: '2026-11-22T06:00:00.000Z',
  ...overrides,
});
const urgent = reviewNeeded(facts({ severity: 'urgent' }), POLICY);
const flagged = reviewNeeded(facts({ labels: { 'review-requested': 'true' } }), POLICY);
const exploit = reviewNeeded(facts({ category: 'security.exploit' }), POLICY);
const drill = reviewNeeded(facts({ drill: true }), POLICY);

describe('waiverRefusal, with the example policy', () => {
  it('lets a role the rule names waive', () => {
    expect(waiverRefusal(urgent, ['admin'])).toBeNull();
    expect(waiverRefusal(flagged, ['responder'])).toBeNull();
    expect(waiverRefusal(drill, ['admin'])).toBeNull();
  });

  it('lets an admin waive what a responder may', () => {
    expect(waiverRefusal({ ...flagged, waivableBy: ['responder'] }, ['admin'])).toBeNull();
  });

  it('refuses another role, naming the policy version, the rule and the roles that may', () => {
    expect(waiverRefusal(urgent, ['responder'])).toBe(
      'under review policy v3 (rule urgent-or-high) only the role admin may waive this review, not responder',
    );
    expect(waiverRefusal(drill, ['responder', 'auditor'])).toBe(
      'under review policy v3 (rule drill) only the role admin may waive this review, not responder, auditor',
    );
    expect(waiverRefusal({ ...urgent, waivableBy: ['admin', 'responder'] }, ['auditor'])).toBe(
      'under review policy v3 (rule urgent-or-high) only the roles admin or responder may waive this review, not auditor',
    );
  });

  it('refuses everybody, admin included, where the rule lets nobody waive', () => {
    expect(waiverRefusal(exploit, ['admin'])).toBe(
      'under review policy v3 (rule exploit) this review may not be waived',
    );
  });

  it('follows the default before any policy is applied: admin only', () => {
    const need = reviewNeededWithoutPolicy(facts({ severity: 'urgent' }));

    expect(waiverRefusal(need, ['admin'])).toBeNull();
    expect(waiverRefusal(need, ['responder'])).toBe(
      'under the default review policy (none applied) only the role admin may waive this review, not responder',
    );
  });

  it('leaves the answer to the domain when no review is required or the incident was never resolved', () => {
    expect(waiverRefusal(reviewNeeded(facts({}), POLICY), ['responder'])).toBeNull();
    expect(waiverRefusal(null, ['responder'])).toBeNull();
  });
});
