export * from './decider-specification';
export * from './expected-lifecycle';
export * from './incident-fixtures';
export * from './decided-events';
