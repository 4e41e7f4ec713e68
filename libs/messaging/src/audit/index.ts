export * from './anchor-log';
export * from './anchor-record';
