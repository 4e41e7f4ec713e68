// `@incident/notify/testing`: real peers for suites (a webhook receiver, an SMTP server), never for services.
export * from './testing-support/smtp-receiver';
export * from './testing-support/webhook-receiver';
