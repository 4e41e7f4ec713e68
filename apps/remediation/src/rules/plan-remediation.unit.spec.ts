import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Customer, parseRunbooks, type Runbook, type RunbookSet } from '@incident/directory';
import { fold, type IncidentCommand, incidentDecider, type IncidentEvent } from '@incident/domain';
import { at, events, INCIDENT_ID } from '@incident/domain/testing';
import { planRemediation, type ServiceLimits } from './plan-remediation';
import type { PlannedRemediation, PlannedStep } from './planned-step';
import { approvalRequestCommand, containmentCommand, proposeCommand } from './proposal-commands';
import type { RemediationFacts } from './remediation-facts';
import { selectRunbook } from './select-runbook';

const parsed = parseRunbooks(
  readFileSync(join(__dirname, '../../../../config/runbooks.example.yaml'), 'utf8'),
  'runbooks.yaml',
  3,
);
if ('errors' in parsed) throw new Error('the example runbooks do not parse');
const RUNBOOKS: RunbookSet = parsed.runbookSet;
const runbook = (id: string): Runbook => RUNBOOKS.runbooks.find((candidate) => candidate.id === id)!;

/** acme-api in the example directory: 2..8 instances, at most 150 EUR a month per step. */
const LIMITS: ServiceLimits = { minSize: 2, maxSize: 8, maxMonthlyCostStep: { amount: 150, currency: 'EUR' } };
const ACME: Customer = {
  id: 'acme',
  name: 'Acme Logistics',
  subscriptions: ['infrastructure'],
  contacts: [
    { name: 'Raj Patel', email: 'raj.patel@acme.example', approvesCostChanges: false },
    { name: 'Dana Whitfield', email: 'dana.whitfield@acme.example', approvesCostChanges: true },
  ],
  approvalThresholdPerMonth: { amount: 200, currency: 'EUR' },
  preApprovedHoursPerMonth: 10,
  availabilityNotifications: [],
};

const facts = (more: Partial<RemediationFacts> = {}): RemediationFacts => ({
  incidentId: INCIDENT_ID,
  category: 'resources.exhausted',
  service: 'acme-api',
  customerId: 'acme',
  labels: {},
  flags: ['autoscale_within_limits'],
  currentSize: 4,
  ...more,
});

/** `'none'`: the service is missing from the directory. */
const plan = (id: string, more: Partial<RemediationFacts> = {}, limits: ServiceLimits | 'none' = LIMITS) =>
  planRemediation(facts(more), { runbook: runbook(id), version: 3 }, limits === 'none' ? undefined : limits, ACME);

const remediations = (steps: PlannedStep[]): PlannedRemediation[] =>
  steps.filter((step): step is PlannedRemediation => step.kind === 'remediation');

/** The commands applied in order to a triaged incident: what the real decider makes of them. */
const decided = (commands: IncidentCommand[]): IncidentEvent[] => {
  let state = fold(incidentDecider, [events.opened(), events.triaged()]);
  return commands.flatMap((command) => {
    const next = incidentDecider.decide(command, state);
    state = next.reduce(incidentDecider.evolve, state);
    return next;
  });
};

describe('selectRunbook', () => {
  it('given a service runbook and a category runbook, when the service matches, then the service one wins', () => {
    expect(selectRunbook(RUNBOOKS, facts({ service: 'acme-postgres' }))?.id).toBe('exhausted-database-resize');
    expect(selectRunbook(RUNBOOKS, facts())?.id).toBe('exhausted-scale-up');
  });

  it('given labels on a runbook, when the incident lacks one, then it does not match', () => {
    const labelled: Runbook = { ...runbook('exhausted-scale-up'), id: 'web-tier', labels: { tier: 'web' } };
    const set = { ...RUNBOOKS, runbooks: [...RUNBOOKS.runbooks, labelled] };

    expect(selectRunbook(set, facts({ labels: { tier: 'web' } }))?.id).toBe('web-tier');
    expect(selectRunbook(set, facts({ labels: { tier: 'db' } }))?.id).toBe('exhausted-scale-up');
  });
});

describe('planRemediation', () => {
  describe('given CPU exhausted on acme-api at 4 instances', () => {
    it('scales up by one at once: 5 ≤ 8 and 120 EUR is below both the cost step and the threshold', () => {
      const [scaleUp, manual, ...more] = plan('exhausted-scale-up');

      expect(more).toEqual([]);
      expect(manual).toMatchObject({ kind: 'manual', stepId: 'check-load' });
      expect(scaleUp).toMatchObject({
        kind: 'remediation',
        remediationId: 'exhausted-scale-up.scale-up',
        action: 'scale_up',
        requiresApproval: false,
        monthlyCostDelta: 120,
        currency: 'EUR',
        approver: 'dana.whitfield@acme.example',
        onFailure: { retries: 1, then: 'page' },
        decision: {
          outcome: 'within_limits',
          reasons: [],
          runbookId: 'exhausted-scale-up',
          runbookVersion: 3,
          stepId: 'scale-up',
          executor: 'scaler',
          parameters: { service: 'acme-api', customer: 'acme', by: 1, currentSize: 4, targetSize: 5 },
          figures: {
            currentSize: 4,
            targetSize: 5,
            minSize: 2,
            maxSize: 8,
            monthlyCostDelta: 120,
            maxMonthlyCostStep: 150,
            approvalThreshold: 200,
          },
        },
      });
    });

    it('proposes a command the decider accepts, which may then execute without approval', () => {
      const [scaleUp] = remediations(plan('exhausted-scale-up'));
      const proposed = decided([
        proposeCommand(INCIDENT_ID, scaleUp!, at(2)),
        {
          type: 'ExecuteRemediation',
          data: {
            incidentId: INCIDENT_ID,
            remediationId: scaleUp!.remediationId,
            executedBy: 'remediation',
            executedAt: at(3),
          },
        },
      ]);

      expect(proposed.map((event) => event.type)).toEqual(['RemediationProposed', 'RemediationExecuted']);
      expect(proposed[0]!.data).toMatchObject({ decision: { outcome: 'within_limits' }, monthlyCostDelta: 120 });
    });
  });

  describe('given the service already at its maximum', () => {
    it('asks first, naming the limit', () => {
      const [scaleUp] = remediations(plan('exhausted-scale-up', { currentSize: 8 }));

      expect(scaleUp).toMatchObject({
        requiresApproval: true,
        decision: { outcome: 'needs_approval', reasons: ['size 9 is above the autoscale maximum 8'] },
      });
    });
  });

  describe('given a resize costing more than the threshold (the database, 250 EUR a step)', () => {
    const dbLimits: ServiceLimits = { minSize: 1, maxSize: 4, maxMonthlyCostStep: { amount: 300, currency: 'EUR' } };

    it('asks Dana, the contact who approves cost changes, with the figures', () => {
      const [resize] = remediations(
        plan('exhausted-database-resize', { service: 'acme-postgres', currentSize: 1 }, dbLimits),
      );

      expect(resize).toMatchObject({
        requiresApproval: true,
        monthlyCostDelta: 250,
        approver: 'dana.whitfield@acme.example',
        decision: {
          reasons: ['a change of 250 EUR a month is not below the approval threshold 200 EUR'],
          figures: { approvalThreshold: 200, monthlyCostDelta: 250 },
        },
      });
    });

    it('the decider refuses to execute it before approval, and accepts the request with a day to answer', () => {
      const [resize] = remediations(
        plan('exhausted-database-resize', { service: 'acme-postgres', currentSize: 1 }, dbLimits),
      );
      const request = approvalRequestCommand(INCIDENT_ID, { ...resize!, approver: resize!.approver! }, at(2), 24);

      expect(request.data).toMatchObject({ requestedFrom: 'dana.whitfield@acme.example', validUntil: at(2 + 24 * 60) });
      expect(decided([proposeCommand(INCIDENT_ID, resize!, at(2)), request]).map((e) => e.type)).toEqual([
        'RemediationProposed',
        'RemediationApprovalRequested',
      ]);
      expect(() =>
        decided([
          proposeCommand(INCIDENT_ID, resize!, at(2)),
          {
            type: 'ExecuteRemediation',
            data: { incidentId: INCIDENT_ID, remediationId: resize!.remediationId, executedBy: 'x', executedAt: at(3) },
          },
        ]),
      ).toThrow(/needs approval first/);
    });
  });

  describe('given figures that cannot be known or compared', () => {
    it('asks when the size is unknown, the service has no limits, or the currencies differ', () => {
      const [unknownSize] = remediations(plan('exhausted-scale-up', { currentSize: null }));
      const [noLimits] = remediations(plan('exhausted-scale-up', {}, 'none'));
      const usd = { ...LIMITS, maxMonthlyCostStep: { amount: 150, currency: 'USD' } };
      const [otherCurrency] = remediations(plan('exhausted-scale-up', {}, usd));

      expect(unknownSize!.decision.reasons).toEqual([
        'the current size is unknown (the alert carries no instances label)',
      ]);
      expect(noLimits!.decision.reasons).toEqual(['the service has no autoscale limits in the directory']);
      expect(otherCurrency!.decision.reasons).toEqual(['the cost step is in USD, the unit cost in EUR']);
    });
  });

  describe('given an underutilised service', () => {
    it('proposes the downsize behind the approval gate, showing the saving', () => {
      const [downsize, ...more] = plan('underutilized-downsize', { category: 'resources.underutilized' });

      expect(more).toEqual([]);
      expect(downsize).toMatchObject({
        action: 'scale_down',
        requiresApproval: true,
        monthlyCostDelta: -120,
        decision: { reasons: ['follows the approval gate confirm-downsize'], figures: { targetSize: 3 } },
      });
    });
  });

  describe('given an exploit', () => {
    it('puts containment first, then the notice, the patch and the manual check in the runbook order', () => {
      const steps = plan('exploit-contain', { category: 'security.exploit', flags: ['notify_customer_immediately'] });

      expect(steps.map((step) => `${step.kind}:${step.stepId}`)).toEqual([
        'containment:isolate',
        'notify:tell-customer',
        'remediation:patch',
        'manual:verify',
      ]);
      expect(steps[0]).toMatchObject({ action: 'isolate_component', containmentId: 'exploit-contain.isolate' });
      expect(steps[2]).toMatchObject({ requiresApproval: false, monthlyCostDelta: 0 });
      expect(decided([containmentCommand(INCIDENT_ID, steps[0] as never, 'ok', at(2))])[0]?.type).toBe(
        'ContainmentApplied',
      );
    });
  });
});
