import type { Command } from 'commander';
import { TRIAGE_RULES_KIND, triageRulesDiff, TriageRuleVersions } from '@incident/directory';
import { configFileCommand, describeConfigVersion } from './config-file-commands';

/** `none:` opens what `show` prints when no rule set was applied (as `directory show` does). */
export const NO_TRIAGE_RULES = 'none: no triage rule set has been applied';

/** `incidentctl triage rules validate|diff|apply|show`: the triage rules as code, versions in the event store. */
export function triageRulesCommand(): Command {
  return configFileCommand({
    name: 'rules',
    description: 'the triage rule set: validate, diff, apply, show (--at a past moment)',
    kind: TRIAGE_RULES_KIND,
    versions: (store) => new TriageRuleVersions(store),
    fileHelp: 'the triage rules YAML file',
    versionOf: 'rule-set',
    appliedName: 'triage rules',
    validate: {
      description: 'check a rule file; errors name file, line and path',
      ok: (ruleSet) => ` (${ruleSet.rules.length} rules)`,
    },
    diff: {
      description:
        'what applying a file would change, against the version in force (+ added, - removed, ~ changed or moved)',
      changes: triageRulesDiff,
    },
    show: {
      description: 'the rule set in force now, or at a past moment',
      none: NO_TRIAGE_RULES,
      describe: (v, ruleSet) =>
        describeConfigVersion(v) +
        `  rules: ${v.summary.rules} (${ruleSet()
          .rules.map((rule) => rule.id)
          .join(', ')})\n` +
        `  drillScenarios: ${v.summary.drillScenarios}`,
    },
  });
}
