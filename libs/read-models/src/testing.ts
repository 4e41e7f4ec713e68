// `@incident/read-models/testing`: fixtures and probes for suites that run projections; no service needs them.
export * from './projection/snapshot-tables';
export * from './testing-support/projected';
export * from './testing-support/read-model-fixture';
export * from './testing-support/read-side-story';
export * from './testing-support/scripted-lifecycle';
export * from './testing-support/wait-until-caught-up';
