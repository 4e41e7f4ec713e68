export * from './incident-event-message';
export * from './topics';
