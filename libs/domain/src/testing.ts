// `@incident/domain/testing`: given/when/then for deciders and the lifecycle as the documents state it.
export * from './testing-support';
