// `@incident/event-store/testing`: helpers for suites that read a real store; no service needs them.
export * from './hidden-events';
export * from './read-log-until';
export * from './testing-support/test-event-store';
