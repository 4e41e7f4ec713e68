import type { TriageRuleSet } from './triage-rule-set';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function changes(what: string, before: readonly [string, unknown][], after: readonly [string, unknown][]): string[] {
  const old = new Map(before);
  const now = new Map(after);
  return [
    ...after.filter(([id]) => !old.has(id)).map(([id]) => `+ ${what} ${id}`),
    ...before.filter(([id]) => !now.has(id)).map(([id]) => `- ${what} ${id}`),
    ...after.filter(([id, item]) => old.has(id) && !same(old.get(id), item)).map(([id]) => `~ ${what} ${id}`),
  ];
}

/**
 * What applying `after` would change (`+ rule exploit`, `- rule old`, `~ rule default`, and `~ order` when rules
 * both keep move relative to each other: first match wins, so order is meaning). Empty when nothing would.
 */
export function triageRulesDiff(before: TriageRuleSet | undefined, after: TriageRuleSet): string[] {
  const rulesBefore = (before?.rules ?? []).map((r) => [r.id, r] as [string, unknown]);
  const rulesAfter = after.rules.map((r) => [r.id, r] as [string, unknown]);
  const kept = (list: readonly [string, unknown][], other: readonly [string, unknown][]) =>
    list.map(([id]) => id).filter((id) => other.some(([o]) => o === id));
  const moved = !same(kept(rulesBefore, rulesAfter), kept(rulesAfter, rulesBefore));
  return [
    ...changes('rule', rulesBefore, rulesAfter),
    ...(moved ? [`~ order ${after.rules.map((r) => r.id).join(', ')}`] : []),
    ...changes(
      'drillScenario',
      (before?.drillScenarios ?? []).map((s) => [s.name, s]),
      after.drillScenarios.map((s) => [s.name, s]),
    ),
  ];
}
