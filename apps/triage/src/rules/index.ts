/**
 * Triage's rules as data (issue 14). The pure parts (rule-set types, the parser, the evaluator, the facts builder,
 * the versions) live in @incident/directory's triage-rules folder, beside the directory they read, so that
 * incidentctl (an app may not import another app) validates, diffs, applies and replays them too. Import them from
 * here inside triage, or from @incident/directory elsewhere.
 */
export {
  type DrillScenario,
  downgraded,
  evaluateTriage,
  formatTriageRulesError,
  type IncidentAlert,
  type LabelCondition,
  maintenanceWindowAt,
  parseTriageRules,
  type ParsedTriageRules,
  type RuleConditions,
  type RuleOutcome,
  type RuleResult,
  type TimeCondition,
  TRIAGE_RULES_STREAM,
  type TriageDecision,
  type TriageDisposition,
  type TriageEvaluation,
  type TriageFacts,
  triageFactsOf,
  type TriageRule,
  TriageRuleVersions,
  triageRulesDiff,
  type TriageRulesError,
  type TriageRuleSet,
  type TriageRuleSetVersion,
} from '@incident/directory';
export * from './triage.policy';
