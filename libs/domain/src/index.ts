export * from './decider';
export * from './incident';
