import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReviewPolicy, type ReviewPolicy } from '@incident/directory';
import { incidentDecider, type IncidentEvent } from '@incident/domain';
import { type ReviewFacts, reviewFactsOf } from './review-facts';
import { reviewNeeded } from './review-needed';
import { reviewOutcomeCommands } from './review-outcome.policy';

const parsed = parseReviewPolicy(
  readFileSync(join(__dirname, '../../../../config/review-policy.example.yaml'), 'utf8'),
  'review-policy.example.yaml',
);
const POLICY: ReviewPolicy = { ...('policy' in parsed ? parsed.policy : ({} as ReviewPolicy)), version: 3 };
const RESOLVED_AT = '2026-11-22T06:00:00.000Z';
const ID = '7b0c8f55-0000-4000-8000-000000000001';

const facts = (overrides: Partial<ReviewFacts>): ReviewFacts => ({
  severity: 'low',
  category: 'defect.bug',
  drill: false,
  reopenCount: 0,
  slaBreached: false,
  labels: {},
  resolvedAt: RESOLVED_AT,
  ...overrides,
});

describe('reviewNeeded, with the example policy', () => {
  it.each([
    ['an urgent incident', { severity: 'urgent' as const }, 'urgent-or-high', '2026-11-27T06:00:00.000Z'],
    ['a high one', { severity: 'high' as const }, 'urgent-or-high', '2026-11-27T06:00:00.000Z'],
    ['an exploit, even a low one', { category: 'security.exploit' as const }, 'exploit', '2026-11-25T06:00:00.000Z'],
    ['a breached SLA', { slaBreached: true }, 'sla-breached', '2026-11-27T06:00:00.000Z'],
    ['a second reopen', { reopenCount: 2 }, 'reopened-twice', '2026-11-29T06:00:00.000Z'],
    ['a responder flag', { labels: { 'review-requested': 'true' } }, 'responder-flag', '2026-11-29T06:00:00.000Z'],
  ])('requires a review of %s, due from the resolution', (_what, given, ruleId, dueAt) => {
    const need = reviewNeeded(facts(given), POLICY);

    expect(need).toMatchObject({ required: true, ruleId, dueAt, drill: false, policyVersion: 3 });
  });

  it('takes the first rule that holds: an urgent exploit is an exploit, and nobody may waive it', () => {
    const need = reviewNeeded(facts({ severity: 'urgent', category: 'security.exploit' }), POLICY);

    expect(need).toMatchObject({ ruleId: 'exploit', reason: 'an exploited vulnerability is always reviewed' });
    expect(need.waivableBy).toEqual([]);
  });

  it('needs no review of a low, once-reopened incident without a breach or a flag', () => {
    const need = reviewNeeded(facts({ reopenCount: 1, labels: { 'review-requested': 'no' } }), POLICY);

    expect(need).toEqual({
      required: false,
      ruleId: null,
      reason: 'no review rule holds',
      dueAt: null,
      waivableBy: [],
      drill: false,
      policyVersion: 3,
      notifyCustomer: false,
      closeWhenActionItemsDone: false,
    });
  });

  it('says when the customer is told of the publication, and when the action items must be done first', () => {
    const exploit = reviewNeeded(facts({ category: 'security.exploit' }), POLICY);
    const urgent = reviewNeeded(facts({ severity: 'urgent' }), POLICY);
    const breach = reviewNeeded(facts({ slaBreached: true }), POLICY);

    expect(exploit).toMatchObject({ notifyCustomer: true, closeWhenActionItemsDone: true });
    expect(urgent).toMatchObject({ notifyCustomer: true, closeWhenActionItemsDone: false });
    expect(breach).toMatchObject({ notifyCustomer: false, closeWhenActionItemsDone: false });
  });

  it('gives a drill a drill review on the drill terms, whatever its severity', () => {
    const need = reviewNeeded(facts({ drill: true, severity: 'urgent' }), POLICY);

    expect(need).toMatchObject({
      required: true,
      ruleId: 'drill',
      drill: true,
      dueAt: '2026-12-02T06:00:00.000Z',
      notifyCustomer: false,
    });
  });
});

describe('reviewFactsOf', () => {
  it('remembers a breach after a reopen, and takes the latest severity', () => {
    const events: IncidentEvent[] = [
      {
        type: 'IncidentOpened',
        data: {
          incidentId: ID,
          dedupKey: 'k',
          source: 's',
          customerId: 'acme',
          service: 'api',
          title: 't',
          category: null,
          severity: 'low',
          labels: { team: 'x' },
          drill: false,
          alertId: null,
          openedAt: '2026-11-22T04:00:00.000Z',
        },
      },
      {
        type: 'SlaBreached',
        data: { incidentId: ID, sla: 'acknowledgement', targetMinutes: 5, breachedAt: RESOLVED_AT },
      },
      {
        type: 'IncidentReopened',
        data: { incidentId: ID, alertId: null, reopenCount: 1, alertCount: 2, reopenedAt: RESOLVED_AT },
      },
      {
        type: 'SeverityChanged',
        data: {
          incidentId: ID,
          previousSeverity: 'low',
          severity: 'high',
          reason: 'r',
          changedBy: 'b',
          changedAt: RESOLVED_AT,
        },
      },
    ];

    expect(reviewFactsOf(events, RESOLVED_AT)).toEqual(
      facts({ severity: 'high', category: null, slaBreached: true, reopenCount: 1, labels: { team: 'x' } }),
    );
  });
});

describe('reviewOutcomeCommands', () => {
  const resolvedState = (reviewRequired: boolean) => {
    const history: IncidentEvent[] = [
      {
        type: 'IncidentOpened',
        data: {
          incidentId: ID,
          dedupKey: 'k',
          source: 's',
          customerId: 'acme',
          service: 'api',
          title: 't',
          category: 'defect.bug',
          severity: 'low',
          labels: {},
          drill: false,
          alertId: null,
          openedAt: '2026-11-22T04:00:00.000Z',
        },
      },
      {
        type: 'AlertResolvedAtSource',
        data: { incidentId: ID, alertId: null, allAlertsResolved: true, resolvedAt: RESOLVED_AT },
      },
      {
        type: 'IncidentResolved',
        data: {
          incidentId: ID,
          cause: 'source',
          resolvedBy: 'alertmanager',
          summary: 's',
          reviewRequired,
          resolvedAt: RESOLVED_AT,
        },
      },
    ];
    return history.reduce(incidentDecider.evolve, incidentDecider.initialState());
  };
  const decideAll = (state: ReturnType<typeof resolvedState>, commands: ReturnType<typeof reviewOutcomeCommands>) =>
    commands.reduce(
      (current, command) => incidentDecider.decide(command, current).reduce(incidentDecider.evolve, current),
      state,
    );

  describe('when resolved with the default reviewRequired: true', () => {
    it('waives then closes when the policy needs no review, and the decider accepts both', () => {
      const state = resolvedState(true);
      const commands = reviewOutcomeCommands(state, reviewNeeded(facts({}), POLICY), 'review', RESOLVED_AT);

      expect(commands.map((command) => command.type)).toEqual(['WaiveReview', 'CloseIncident']);
      expect(decideAll(state, commands).status).toBe('closed');
    });

    it('starts the review the policy requires: the incident is in review', () => {
      const state = resolvedState(true);
      const need = reviewNeeded(facts({ severity: 'urgent' }), POLICY);
      const commands = reviewOutcomeCommands(state, need, 'review', RESOLVED_AT);

      expect(commands.map((command) => command.type)).toEqual(['StartReview']);
      expect(decideAll(state, commands).status).toBe('in_review');
    });
  });

  describe('when resolved with reviewRequired: false', () => {
    it('closes at once', () => {
      const commands = reviewOutcomeCommands(
        resolvedState(false),
        reviewNeeded(facts({}), POLICY),
        'review',
        RESOLVED_AT,
      );

      expect(commands).toEqual([
        {
          type: 'CloseIncident',
          data: {
            incidentId: ID,
            closedBy: 'review',
            note: 'review policy v3: no review rule holds',
            closedAt: RESOLVED_AT,
          },
        },
      ]);
    });
  });

  describe('when no longer resolved', () => {
    it('leaves the incident to whoever moved it on', () => {
      const state = decideAll(resolvedState(false), [
        { type: 'StartReview', data: { incidentId: ID, startedBy: 'alice', startedAt: RESOLVED_AT } },
      ]);

      expect(reviewOutcomeCommands(state, reviewNeeded(facts({}), POLICY), 'review', RESOLVED_AT)).toEqual([]);
    });
  });
});
