export * from './change-events';
