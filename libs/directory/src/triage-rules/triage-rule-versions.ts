import type { EventStore } from '@incident/event-store';
import {
  type ConfigApplyOutcome,
  type ConfigKind,
  type ConfigVersion,
  NumberedConfigVersions,
} from '../versions/config-versions';
import { parseTriageRules } from './parse-triage-rules';
import type { TriageRuleSet } from './triage-rule-set';

/** The one stream every applied triage rule set lives in (as `directory` holds the directory's). */
export const TRIAGE_RULES_STREAM = 'triage-rules';

export interface TriageRulesSummary {
  readonly rules: number;
  readonly drillScenarios: number;
}

/** `TriageRuleSetApplied`: `{ version, sha256, fileName, summary, yaml }`, like DirectoryVersionApplied. */
export type TriageRuleSetVersion = ConfigVersion<TriageRulesSummary>;
export type TriageRulesApplyOutcome = ConfigApplyOutcome<TriageRulesSummary>;

export const TRIAGE_RULES_KIND: ConfigKind<TriageRuleSet, TriageRulesSummary> = {
  stream: TRIAGE_RULES_STREAM,
  eventType: 'TriageRuleSetApplied',
  command: 'ApplyTriageRules',
  parse: (text, fileName) => {
    const parsed = parseTriageRules(text, fileName);
    return 'errors' in parsed ? parsed : { value: parsed.ruleSet };
  },
  summarize: (ruleSet) => ({ rules: ruleSet.rules.length, drillScenarios: ruleSet.drillScenarios.length }),
};

/** Triage rule sets over the event store: apply a file, the version in force now or at a past moment. */
export class TriageRuleVersions extends NumberedConfigVersions<TriageRuleSet, TriageRulesSummary> {
  constructor(store: EventStore) {
    super(store, TRIAGE_RULES_KIND);
  }
}
