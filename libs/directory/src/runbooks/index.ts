export * from './runbook-set';
export * from './parse-runbooks';
export * from './runbook-versions';
