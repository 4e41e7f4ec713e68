import { Command } from 'commander';
import {
  TRIAGE_RULES_KIND,
  type TriageRuleSet,
  type TriageRulesSummary,
  triageRulesDiff,
  TriageRuleVersions,
} from '@incident/directory';
import {
  applyConfigCommand,
  type ConfigFileCommands,
  describeConfigVersion,
  diffConfigCommand,
  showConfigCommand,
  validateConfigCommand,
} from './config-file-commands';

/** `none:` opens what `show` prints when no rule set was applied (as `directory show` does). */
export const NO_TRIAGE_RULES = 'none: no triage rule set has been applied';

const TRIAGE_RULES_FILE: ConfigFileCommands<TriageRuleSet, TriageRulesSummary> = {
  kind: TRIAGE_RULES_KIND,
  versions: (store) => new TriageRuleVersions(store),
  fileHelp: 'the triage rules YAML file',
  versionOf: 'rule-set',
  appliedName: 'triage rules',
};

/** `incidentctl triage rules validate|diff|apply|show`: the triage rules as code, versions in the event store. */
export function triageRulesCommand(): Command {
  return new Command('rules')
    .description('the triage rule set: validate, diff, apply, show (--at a past moment)')
    .addCommand(
      validateConfigCommand(
        TRIAGE_RULES_FILE,
        'check a rule file; errors name file, line and path',
        (ruleSet) => ` (${ruleSet.rules.length} rules)`,
      ),
    )
    .addCommand(
      diffConfigCommand(
        TRIAGE_RULES_FILE,
        'what applying a file would change, against the version in force (+ added, - removed, ~ changed or moved)',
        triageRulesDiff,
      ),
    )
    .addCommand(applyConfigCommand(TRIAGE_RULES_FILE))
    .addCommand(
      showConfigCommand(TRIAGE_RULES_FILE, {
        description: 'the rule set in force now, or at a past moment',
        none: NO_TRIAGE_RULES,
        describe: (v, ruleSet) =>
          describeConfigVersion(v) +
          `  rules: ${v.summary.rules} (${ruleSet()
            .rules.map((rule) => rule.id)
            .join(', ')})\n` +
          `  drillScenarios: ${v.summary.drillScenarios}`,
      }),
    );
}
