import { SEVERITIES, type Severity } from '@incident/domain';
import { checkConditions } from './match-conditions';
import type {
  RuleOutcome,
  RuleResult,
  TriageDecision,
  TriageEvaluation,
  TriageFacts,
  TriageRule,
  TriageRuleSet,
} from './triage-rule-set';

/** `steps` down the scale from `severity`, never below the lowest; `null` when that changes nothing. */
export function downgraded(severity: Severity, steps: number): Severity | null {
  const index = Math.min(SEVERITIES.indexOf(severity) + steps, SEVERITIES.length - 1);
  return index > SEVERITIES.indexOf(severity) ? SEVERITIES[index]! : null;
}

const fill = (template: string, facts: TriageFacts): string =>
  template
    .replaceAll('{title}', facts.title)
    .replaceAll('{service}', facts.service)
    .replaceAll('{customer}', facts.customerId);

function decide(rule: TriageRule, facts: TriageFacts): TriageDecision {
  const then: RuleOutcome = rule.then;
  const category = then.category ?? facts.category ?? then.categoryIfMissing ?? null;
  const severity = then.severity ?? facts.severity ?? then.severityIfMissing ?? null;
  const owningTeam = (then.teamFrom === 'service' ? facts.serviceOwnerTeam : null) ?? then.team ?? null;
  if (category === null || severity === null || owningTeam === null) {
    const missing = [
      ...(severity === null ? (['severity'] as const) : []),
      ...(category === null ? (['category'] as const) : []),
      ...(owningTeam === null ? (['owningTeam'] as const) : []),
    ];
    return { kind: 'leave_for_person', missing };
  }
  const disposition =
    then.disposition === 'no_action'
      ? ({ kind: 'no_action', reason: then.reason } as const)
      : then.disposition === 'return_to_customer'
        ? ({
            kind: 'return_to_customer',
            reason: then.reason,
            downgradeTo: downgraded(severity, then.downgrade ?? 0),
          } as const)
        : null;
  return {
    kind: 'triage',
    severity,
    category,
    owningTeam,
    disposition,
    flags: then.flags ?? [],
    // A drill never reaches the customer (DESIGN.md §2: drills exercise the lifecycle, customers are not told).
    customerNotification: then.notifyCustomer !== undefined && !facts.drill ? fill(then.notifyCustomer, facts) : null,
    // Recorded only when the deciding rule is about the window: escalation reads it and does not page.
    maintenanceWindowId: rule.when.maintenanceWindow === true ? facts.maintenanceWindowId : null,
    drill: facts.drill,
  };
}

/**
 * The rule set applied to one incident's facts: the first rule whose conditions all hold decides. Pure (no I/O,
 * no clock: time conditions read `facts.at`), so explain, what-if and the consumer get the same answer from the
 * same facts. Every rule is checked, so `ruleResults` also says which later rules would have matched.
 */
export function evaluateTriage(facts: TriageFacts, ruleSet: TriageRuleSet): TriageEvaluation {
  let winner: { rule: TriageRule; reasons: readonly string[] } | undefined;
  const ruleResults: RuleResult[] = ruleSet.rules.map((rule) => {
    const result = checkConditions(rule.when, facts);
    if (!result.matched) return { ruleId: rule.id, outcome: 'missed', reason: result.reason };
    const reason = result.reasons.join('; ');
    if (winner)
      return { ruleId: rule.id, outcome: 'matched', reason: `${reason} (but ${winner.rule.id} decided first)` };
    winner = { rule, reasons: result.reasons };
    return { ruleId: rule.id, outcome: 'decided', reason };
  });
  if (!winner) {
    return {
      decision: { kind: 'leave_for_person', missing: [] },
      ruleId: null,
      ruleSetVersion: ruleSet.version,
      reasons: ['no rule matched'],
      ruleResults,
    };
  }
  return {
    decision: decide(winner.rule, facts),
    ruleId: winner.rule.id,
    ruleSetVersion: ruleSet.version,
    reasons: [winner.rule.then.reason, ...winner.reasons],
    ruleResults,
  };
}
