export * from './connect-incident-events';
export * from './handler-errors.filter';
export * from './incident-event-pattern.decorator';
export * from './incident-event-transport.context';
export * from './incident-events.transport';
export * from './recorded-incident-event';
