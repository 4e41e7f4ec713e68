export * from './decider';
export * from './incident';
export * from './change';
