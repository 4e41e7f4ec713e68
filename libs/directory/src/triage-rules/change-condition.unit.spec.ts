import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDirectory } from '../parse-directory';
import { evaluateTriage } from './evaluate-triage';
import { formatTriageRulesError, parseTriageRules } from './parse-triage-rules';
import { triageFactsOf, type IncidentAlert } from './triage-facts';
import type { TriageChange } from './triage-rule-set';

const config = (name: string) => readFileSync(join(__dirname, '../../../../config', name), 'utf8');
const parsedRules = parseTriageRules(config('triage-rules.example.yaml'), 'triage-rules.example.yaml', 1);
const parsedDirectory = parseDirectory(config('directory.example.yaml'), 'directory.example.yaml');
if ('errors' in parsedRules || 'errors' in parsedDirectory) throw new Error('the committed examples must parse');
const rules = parsedRules.ruleSet;
const directory = parsedDirectory.directory;

const NOON = '2026-12-03T12:00:00.000Z';
const minutesBeforeNoon = (minutes: number) => new Date(Date.parse(NOON) - minutes * 60_000).toISOString();
const errors: IncidentAlert = {
  source: 'pagerduty',
  labels: {},
  category: 'errors.high_rate',
  severity: 'high',
  customerId: 'globex',
  service: 'globex-storefront',
  title: 'Checkout error rate above 5%',
  drill: false,
};
const change = (minutesBefore: number, changeType = 'deploy'): TriageChange => ({
  changeId: `change-${minutesBefore}`,
  changeType,
  summary: 'Deploy storefront v2.3.1',
  source: 'github-actions',
  occurredAt: minutesBeforeNoon(minutesBefore),
});
const evaluate = (changes?: readonly TriageChange[], alert: IncidentAlert = errors) =>
  evaluateTriage(triageFactsOf(alert, directory, NOON, changes), rules);

const errorsOf = (text: string): string[] => {
  const parsed = parseTriageRules(text, 'rules.yaml');
  return 'errors' in parsed ? parsed.errors.map(formatTriageRulesError) : [];
};

describe('the example rule "error rate within 30 minutes of a deploy"', () => {
  describe('given a deploy of the service 12 minutes before detection', () => {
    it('sends the error rate to the application team, naming the deploy in the reasons', () => {
      const evaluation = evaluate([change(45), change(12)]);

      expect(evaluation).toMatchObject({
        ruleId: 'errors-after-deploy',
        decision: { kind: 'triage', owningTeam: 'app-support' },
      });
      expect(evaluation.reasons).toContain(
        'deploy "Deploy storefront v2.3.1" (github-actions) on globex-storefront 12 minutes before, at ' +
          minutesBeforeNoon(12),
      );
    });
  });

  describe('given a deploy exactly 30 minutes before', () => {
    it('still matches: the window is inclusive', () => {
      expect(evaluate([change(30)]).ruleId).toBe('errors-after-deploy');
    });
  });

  describe('given a deploy 31 minutes before', () => {
    it('does not match, and says there was no deploy within 30 minutes', () => {
      const evaluation = evaluate([change(31)]);

      expect(evaluation.ruleId).toBe('application-support');
      expect(evaluation.ruleResults.find((result) => result.ruleId === 'errors-after-deploy')).toEqual({
        ruleId: 'errors-after-deploy',
        outcome: 'missed',
        reason: 'no deploy of globex-storefront within 30 minutes before',
      });
    });
  });

  describe('given a change of another type, or one after detection', () => {
    it('does not match', () => {
      expect(evaluate([change(5, 'config')]).ruleId).toBe('application-support');
      expect(evaluate([change(-5)]).ruleId).toBe('application-support');
    });
  });

  describe('given no changes known (what-if, explain)', () => {
    it('does not match', () => {
      expect(evaluate().ruleId).toBe('application-support');
    });
  });

  describe('given a customer without application support', () => {
    it('is returned to the customer whatever was deployed', () => {
      const acme = { ...errors, customerId: 'acme', service: 'acme-api' };
      expect(evaluate([change(5)], acme).ruleId).toBe('application-not-subscribed');
    });
  });
});

describe('parsing change conditions', () => {
  const example = config('triage-rules.example.yaml');

  it('reads the look-back and the conditions of the example', () => {
    expect(rules.changeLookbackMinutes).toBe(60);
    expect(rules.rules.find((rule) => rule.id === 'errors-after-deploy')?.when).toMatchObject({
      changeWithinMinutes: 30,
      changeType: ['deploy'],
    });
  });

  it('refuses a window longer than the look-back, naming the path', () => {
    const text = example.replace('      changeWithinMinutes: 30', '      changeWithinMinutes: 90');
    expect(errorsOf(text)).toEqual([
      expect.stringMatching(
        /rules\[\d+\]\.when\.changeWithinMinutes: reaches past changeLookbackMinutes \(60\): triage does not look that far back/,
      ),
    ]);
  });

  it('refuses a change type without a window, and a window that is not a whole number of minutes', () => {
    const noWindow = example.replace('      changeWithinMinutes: 30\n', '');
    const fraction = example.replace('      changeWithinMinutes: 30', '      changeWithinMinutes: 2.5');
    expect(errorsOf(noWindow)).toEqual([expect.stringMatching(/when\.changeType: only with changeWithinMinutes/)]);
    expect(errorsOf(fraction)).toEqual([expect.stringMatching(/changeWithinMinutes: must be a whole number from 1/)]);
  });
});
