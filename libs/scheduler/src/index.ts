export * from './deferred-timer-changes';
export * from './errors';
export * from './retry-policy';
export * from './scheduler';
export * from './scheduler-logger';
export * from './timer';
export * from './timer-table';
export type { Backlog } from './timer-store';
export * from './nest/scheduler.module';
