// class-transformer's @Type reads design-time types through Reflect.getMetadata; Nest loads this polyfill for the
// apps, but the CLI and tests import the contracts without Nest.
import 'reflect-metadata';
export * from './validate-contract';
export * from './alerts/alerts-inbound.record';
export * from './alerts/alertmanager-webhook.dto';
export * from './alerts/generic-alert.dto';
export * from './alerts/pagerduty-event.dto';
export * from './alerts/ticket.dto';
export * from './integrations/create-integration.dto';
export * from './integrations/integration';
export * from './integrations/integration-repository';
export * from './audit/state-query.dto';
export * from './compiled-contract';
export * from './changes/change-link.dto';
export * from './changes/change.dto';
export * from './changes/pagerduty-change-event.dto';
