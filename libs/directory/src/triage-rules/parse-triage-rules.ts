import { IANAZone } from 'luxon';
import type { Finding } from '../schema/rules';
import { type ConfigError, formatConfigError, parseYamlConfig } from '../yaml-config';
import {
  DEFAULT_CHANGE_LOOKBACK_MINUTES,
  type LabelCondition,
  type TriageRule,
  type TriageRuleSet,
} from './triage-rule-set';
import { triageRulesSchema } from './triage-rules.schema';

export type TriageRulesError = ConfigError;
export type ParsedTriageRules = { readonly ruleSet: TriageRuleSet } | { readonly errors: readonly TriageRulesError[] };
export const formatTriageRulesError = formatConfigError;

type RawRule = Omit<TriageRule, 'when'> & {
  when?: Omit<TriageRule['when'], 'labels'> & { labels?: Record<string, string | LabelCondition> };
};

function duplicates(names: readonly string[], at: (index: number) => Finding['path'], what: string): Finding[] {
  const seen = new Set<string>();
  return names.flatMap((name, index) => {
    if (!seen.has(name)) return (seen.add(name), []);
    return [{ path: at(index), message: `duplicate ${what} ${name}` }];
  });
}

/** What the shape cannot say about one rule: patterns compile, zones exist, the outcome names a team. */
function ruleFindings(rule: RawRule, index: number, last: boolean, lookback: number): Finding[] {
  const at = (...rest: (string | number)[]) => ['rules', index, ...rest];
  const findings: Finding[] = [];
  for (const [name, condition] of Object.entries(rule.when?.labels ?? {})) {
    if (typeof condition !== 'object' || !('regex' in condition)) continue;
    try {
      new RegExp(condition.regex);
    } catch (error) {
      findings.push({ path: at('when', 'labels', name, 'regex'), message: (error as Error).message });
    }
  }
  const zone = rule.when?.time?.timeZone;
  if (zone !== undefined && !IANAZone.isValidZone(zone)) {
    findings.push({ path: at('when', 'time', 'timeZone'), message: `not an IANA time zone: ${zone}` });
  }
  const within = rule.when?.changeWithinMinutes;
  if (rule.when?.changeType !== undefined && within === undefined) {
    findings.push({ path: at('when', 'changeType'), message: 'only with changeWithinMinutes' });
  }
  if (within !== undefined && within > lookback) {
    findings.push({
      path: at('when', 'changeWithinMinutes'),
      message: `reaches past changeLookbackMinutes (${lookback}): triage does not look that far back`,
    });
  }
  if (rule.then.team === undefined) {
    findings.push({ path: at('then', 'team'), message: 'is required (a team, or the fallback of teamFrom: service)' });
  }
  if (rule.then.downgrade !== undefined && rule.then.disposition !== 'return_to_customer') {
    findings.push({ path: at('then', 'downgrade'), message: 'only with disposition: return_to_customer' });
  }
  if (last && rule.when !== undefined && Object.keys(rule.when).length > 0) {
    findings.push({
      path: at('when'),
      message: 'the last rule is the default: it must match every incident (no when)',
    });
  }
  return findings;
}

/** A plain label value is shorthand for `{ equals }`; `when` absent is no condition at all. */
function normalized(rule: RawRule): TriageRule {
  const { labels, ...when } = rule.when ?? {};
  if (!labels) return { ...rule, when };
  const conditions = Object.entries(labels).map(([name, c]) => [name, typeof c === 'string' ? { equals: c } : c]);
  return { ...rule, when: { ...when, labels: Object.fromEntries(conditions) as Record<string, LabelCondition> } };
}

/**
 * Parses and validates a triage rule file. Pure: the text in, the rule set (version `null`: not an applied version)
 * or every error, each naming the file, the line and the path (`rules[3].when.labels.env.regex`).
 */
export function parseTriageRules(text: string, fileName: string, version: number | null = null): ParsedTriageRules {
  const parsed = parseYamlConfig(text, fileName, triageRulesSchema, (value) => {
    const rules = value['rules'] as RawRule[];
    const scenarios = (value['drillScenarios'] ?? []) as TriageRuleSet['drillScenarios'];
    const lookback = value['changeLookbackMinutes'] as number | undefined;
    const findings = [
      ...duplicates(
        rules.map((r) => r.id),
        (i) => ['rules', i, 'id'],
        'rule id',
      ),
      ...duplicates(
        scenarios.map((s) => s.name),
        (i) => ['drillScenarios', i, 'name'],
        'scenario',
      ),
      ...rules.flatMap((rule, index) =>
        ruleFindings(rule, index, index === rules.length - 1, lookback ?? DEFAULT_CHANGE_LOOKBACK_MINUTES),
      ),
    ];
    if (findings.length > 0) return findings;
    const ruleSet = { version, rules: rules.map(normalized), drillScenarios: scenarios };
    return { value: lookback === undefined ? ruleSet : { ...ruleSet, changeLookbackMinutes: lookback } };
  });
  return 'errors' in parsed ? parsed : { ruleSet: parsed.value };
}
