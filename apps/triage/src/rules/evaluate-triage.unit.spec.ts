import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDirectory } from '@incident/directory';
import {
  evaluateTriage,
  type IncidentAlert,
  parseTriageRules,
  type TriageFacts,
  triageFactsOf,
  type TriageRuleSet,
} from './index';

const config = (name: string) => readFileSync(join(__dirname, '../../../../config', name), 'utf8');
const parsedRules = parseTriageRules(config('triage-rules.example.yaml'), 'triage-rules.example.yaml', 3);
const parsedDirectory = parseDirectory(config('directory.example.yaml'), 'directory.example.yaml');
if ('errors' in parsedRules || 'errors' in parsedDirectory) throw new Error('the committed examples must parse');
const rules = parsedRules.ruleSet;
const directory = parsedDirectory.directory;

const NOON = '2026-12-03T12:00:00.000Z';
const alert = (overrides: Partial<IncidentAlert> = {}): IncidentAlert => ({
  source: 'alertmanager',
  labels: {},
  category: 'availability.downtime',
  severity: 'high',
  customerId: 'acme',
  service: 'acme-api',
  title: 'API down',
  drill: false,
  ...overrides,
});
const evaluate = (overrides: Partial<IncidentAlert> = {}, at = NOON) =>
  evaluateTriage(triageFactsOf(alert(overrides), directory, at), rules);

describe('evaluateTriage with the committed example rules', () => {
  describe('given a cloud infrastructure problem', () => {
    it('routes it to infrastructure / customer success, naming the rule, the version and why', () => {
      const evaluation = evaluate();
      expect(evaluation).toMatchObject({
        ruleId: 'infrastructure',
        ruleSetVersion: 3,
        decision: { kind: 'triage', severity: 'high', owningTeam: 'customer-success', disposition: null },
        reasons: [
          'cloud infrastructure problem — infrastructure / customer success',
          'category is availability.downtime',
        ],
      });
    });

    it('says for every rule whether it decided, matched after the winner, or missed and why', () => {
      const results = evaluate().ruleResults;
      expect(results).toHaveLength(rules.rules.length);
      expect(results[0]).toEqual({ ruleId: 'drill', outcome: 'missed', reason: 'it is not a drill' });
      expect(results.find((r) => r.ruleId === 'infrastructure')?.outcome).toBe('decided');
      expect(results.at(-1)).toEqual({
        ruleId: 'default',
        outcome: 'matched',
        reason: 'matches every incident (but infrastructure decided first)',
      });
    });
  });

  describe('given an application problem', () => {
    it('goes to application support when the subscription includes it', () => {
      expect(
        evaluate({ category: 'errors.high_rate', customerId: 'globex', service: 'globex-storefront' }),
      ).toMatchObject({
        ruleId: 'application-support',
        decision: { owningTeam: 'app-support', disposition: null, customerNotification: null },
      });
    });

    it('is returned to the customer, one step lower, and the customer told why, when it does not', () => {
      const evaluation = evaluate({ category: 'defect.bug', title: 'Checkout 500s' });
      expect(evaluation).toMatchObject({
        ruleId: 'application-not-subscribed',
        decision: {
          severity: 'high',
          disposition: { kind: 'return_to_customer', downgradeTo: 'normal' },
          customerNotification: expect.stringContaining('"Checkout 500s" on acme-api is an application problem'),
        },
      });
      expect(evaluation.reasons).toContain('customer acme does not subscribe to application support');
    });

    it('routes an application ticket by its kind', () => {
      const ticket = { source: 'ticket', labels: { kind: 'application' }, category: 'availability.downtime' } as const;
      expect(evaluate(ticket).ruleId).toBe('application-ticket-not-subscribed');
      expect(evaluate({ ...ticket, customerId: 'globex', service: 'globex-storefront' })).toMatchObject({
        ruleId: 'application-ticket-support',
        decision: { category: 'defect.bug', owningTeam: 'app-support' },
      });
    });
  });

  describe('given high error rates from a workflow being tested or misconfigured', () => {
    it.each([
      [{ environment: 'staging' }, 'errors-from-staging'],
      [{ environment: 'dev-eu' }, 'errors-from-staging'],
      [{ workflow: 'test' }, 'errors-from-test-workflow'],
    ])('with labels %j needs no action, with the reason', (labels, ruleId) => {
      expect(evaluate({ category: 'errors.high_rate', labels })).toMatchObject({
        ruleId,
        decision: {
          severity: 'low',
          disposition: { kind: 'no_action', reason: expect.stringMatching(/no action needed$/) },
        },
      });
    });

    it('does not treat production as a test', () => {
      expect(evaluate({ category: 'errors.high_rate', labels: { environment: 'production' } }).ruleId).toBe(
        'application-not-subscribed',
      );
    });
  });

  describe('given an exploit', () => {
    it('is urgent, for security, flagged to tell the customer at once and form a response team', () => {
      expect(evaluate({ category: 'security.exploit', severity: 'normal' })).toMatchObject({
        ruleId: 'security-exploit',
        decision: {
          severity: 'urgent',
          owningTeam: 'security',
          flags: ['notify_customer_immediately', 'assemble_response_team'],
          customerNotification: expect.stringContaining('possible exploit affecting acme-api'),
        },
      });
    });
  });

  describe('given resources', () => {
    it('exhausted: the service’s owning team, and remediation may autoscale', () => {
      expect(evaluate({ category: 'resources.exhausted', service: 'acme-postgres', severity: null })).toMatchObject({
        ruleId: 'resources-exhausted',
        decision: { severity: 'high', owningTeam: 'database', flags: ['autoscale_within_limits'] },
      });
    });

    it('underutilised: low severity, and remediation proposes a downsize', () => {
      expect(evaluate({ category: 'resources.underutilized', severity: 'high' })).toMatchObject({
        decision: { severity: 'low', owningTeam: 'customer-success', flags: ['propose_downsize'] },
      });
    });
  });

  describe('given a drill', () => {
    it('by the drill flag or the label, is a drill for the service’s team, and never tells the customer', () => {
      const byLabel = evaluate({ category: 'security.exploit', labels: { drill: 'true' } });
      const byFlag = evaluate({ drill: true, service: 'acme-postgres', severity: null });
      expect(byLabel).toMatchObject({ ruleId: 'drill', decision: { drill: true, customerNotification: null } });
      expect(byFlag).toMatchObject({ decision: { owningTeam: 'database', severity: 'high', drill: true } });
    });
  });

  describe('given the directory’s maintenance window of acme-postgres', () => {
    it('marks an alert inside it with the window, low, for the service’s team', () => {
      expect(evaluate({ service: 'acme-postgres' }, '2026-12-06T02:00:00Z')).toMatchObject({
        ruleId: 'maintenance-window',
        decision: { maintenanceWindowId: 'acme-pg-upgrade', severity: 'low', owningTeam: 'database' },
      });
    });

    it('leaves alerts outside it, and other services, alone', () => {
      expect(evaluate({ service: 'acme-postgres' }, '2026-12-06T04:00:00Z').decision).toMatchObject({
        maintenanceWindowId: null,
      });
      expect(evaluate({ service: 'acme-api' }, '2026-12-06T02:00:00Z').ruleId).toBe('infrastructure');
    });

    it('does not hide an exploit: an earlier rule decides', () => {
      expect(evaluate({ service: 'acme-postgres', category: 'security.exploit' }, '2026-12-06T02:00:00Z').ruleId).toBe(
        'security-exploit',
      );
    });
  });

  describe('given no category and no severity', () => {
    it('the default rule fills both in', () => {
      expect(evaluate({ source: 'generic', category: null, severity: null })).toMatchObject({
        ruleId: 'default',
        decision: { category: 'defect.bug', severity: 'normal', owningTeam: 'customer-success' },
      });
    });
  });
});

describe('evaluateTriage conditions', () => {
  const facts = triageFactsOf(alert({ labels: { env: 'prod' } }), directory, '2026-12-05T23:30:00Z');
  const ruleSetOf = (when: TriageRuleSet['rules'][number]['when']): TriageRuleSet => ({
    version: null,
    drillScenarios: [],
    rules: [
      { id: 'probe', description: 'd', when, then: { team: 'ops', reason: 'probe' } },
      { id: 'rest', description: 'd', when: {}, then: { team: 'ops', reason: 'rest' } },
    ],
  });
  const probe = (when: TriageRuleSet['rules'][number]['when'], at: TriageFacts = facts) =>
    evaluateTriage(at, ruleSetOf(when)).ruleResults[0];

  it('matches label presence and absence', () => {
    expect(probe({ labels: { env: { present: true } } })).toMatchObject({ outcome: 'decided' });
    expect(probe({ labels: { team: { present: true } } })).toEqual({
      ruleId: 'probe',
      outcome: 'missed',
      reason: 'label team is absent',
    });
  });

  it('matches local time in a zone, across midnight, on given days', () => {
    // 23:30 UTC on Saturday 5 December is 00:30 on Sunday in Paris.
    expect(probe({ time: { timeZone: 'Europe/Paris', days: ['sun'], from: '22:00', until: '06:00' } })).toMatchObject({
      outcome: 'decided',
      reason: 'sun 00:30 Europe/Paris is within 22:00–06:00',
    });
    expect(probe({ time: { timeZone: 'Europe/Paris', days: ['sat'] } })).toMatchObject({
      outcome: 'missed',
      reason: 'sun 00:30 Europe/Paris is not on sat',
    });
  });

  it('reports the first condition that fails', () => {
    expect(probe({ customer: ['acme'], severity: ['low', 'none'] })).toMatchObject({
      outcome: 'missed',
      reason: 'severity high is not low or none',
    });
  });

  it('leaves the incident for a person when nothing gives a severity', () => {
    const noSeverity = triageFactsOf(alert({ severity: null }), directory, NOON);
    expect(evaluateTriage(noSeverity, ruleSetOf({})).decision).toEqual({
      kind: 'leave_for_person',
      missing: ['severity'],
    });
  });
});
