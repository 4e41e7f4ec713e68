import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatConfigError } from '../yaml-config';
import { parseReviewPolicy } from './parse-review-policy';

const EXAMPLE = readFileSync(join(__dirname, '../../../../config/review-policy.example.yaml'), 'utf8');

const errorsOf = (text: string): string[] => {
  const parsed = parseReviewPolicy(text, 'review-policy.yaml');
  return 'errors' in parsed ? parsed.errors.map(formatConfigError) : [];
};

describe('parseReviewPolicy', () => {
  it('reads the example: five rules in order, the flag label and the drill terms', () => {
    const parsed = parseReviewPolicy(EXAMPLE, 'review-policy.example.yaml');

    expect(parsed).toMatchObject({
      policy: {
        version: 0,
        responderFlagLabel: 'review-requested',
        drills: { dueWithinDays: 10, waivableBy: ['admin'] },
      },
    });
    expect('policy' in parsed ? parsed.policy.rules.map((rule) => rule.id) : []).toEqual([
      'exploit',
      'urgent-or-high',
      'sla-breached',
      'reopened-twice',
      'responder-flag',
    ]);
  });

  it('reads the action items’ reminder offsets, and refuses one it cannot read', () => {
    const parsed = parseReviewPolicy(EXAMPLE, 'review-policy.example.yaml');
    const text = EXAMPLE.replace('remindBefore: [2d, 1h]', 'remindBefore: [2d, 2 weeks]');

    expect('policy' in parsed ? parsed.policy.actionItems : undefined).toEqual({ remindBefore: ['2d', '1h'] });
    expect(errorsOf(text)).toEqual([
      expect.stringMatching(
        /^review-policy\.yaml:\d+ actionItems\.remindBefore\[1\]: must be like 2d, 1h, 30m or 45s$/,
      ),
    ]);
  });

  it('names the file, the line and the path of a wrong value', () => {
    const text = EXAMPLE.replace('severity: [urgent, high]', 'severity: [urgent, critical]');

    expect(errorsOf(text)).toEqual([
      'review-policy.yaml:16 rules[1].when.severity[1]: must be one of urgent, high, normal, low',
    ]);
  });

  it('refuses an unknown field, a missing one, a duplicate id and a rule without conditions', () => {
    const text = [
      'responderFlagLabel: review-requested',
      'rules:',
      '  - { id: a, reason: r, when: { severity: [low] }, dueWithinDays: 1, waivableBy: [] }',
      '  - { id: a, reason: r, when: {}, dueWithinDays: 1, waivableBy: [] }',
      'drills: { dueWithinDays: 3, waivedBy: [admin] }',
    ].join('\n');

    expect(errorsOf(text)).toEqual([
      'review-policy.yaml:5 drills.waivableBy: is required',
      'review-policy.yaml:5 drills.waivedBy: unknown field',
    ]);
    expect(errorsOf(text.replace('waivedBy', 'waivableBy'))).toEqual([
      'review-policy.yaml:4 rules[1].id: duplicate rule id a',
      'review-policy.yaml:4 rules[1].when: must name at least one condition',
    ]);
  });

  it('reports a YAML syntax error with its line', () => {
    expect(errorsOf('rules: [\n  - a')[0]).toBe(
      'review-policy.yaml:2 Block collections are not allowed within flow collections',
    );
  });
});
