import { Kafka, logLevel } from 'kafkajs';

/** The brokers come from the environment only, as for the apps; there is no default to guess wrong. */
export function kafkaFromEnvironment(): Kafka {
  const brokers = (process.env['KAFKA_BROKERS'] ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '');
  if (brokers.length === 0) {
    throw new Error(
      'KAFKA_BROKERS is not set. Run through `npm run incidentctl -- …`, which reads .data/infra.env, or ' +
        '`export $(cat .data/infra.env | xargs)` after `npm run infra:up`.',
    );
  }
  // kafkajs' own logging is off: a failure reaches the operator once, as the command's error.
  return new Kafka({ clientId: 'incidentctl', brokers, logLevel: logLevel.NOTHING, retry: { retries: 3 } });
}
