export * from './incident-event-message';
export * from './topics';
export * from './consumer';
export * from './dlq';
export * from './transport';
export * from './audit';
