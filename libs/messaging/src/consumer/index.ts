export * from './applied-events';
export * from './consumer-lag';
export * from './consumer-metrics';
export * from './incident-event-consumer';
export * from './incident-event-handler';
export * from './messaging-logger';
export * from './retry-policy';
