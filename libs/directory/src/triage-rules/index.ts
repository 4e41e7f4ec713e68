export * from './triage-rule-set';
export * from './parse-triage-rules';
export * from './evaluate-triage';
export * from './triage-facts';
export * from './triage-rule-versions';
export * from './triage-rules-diff';
