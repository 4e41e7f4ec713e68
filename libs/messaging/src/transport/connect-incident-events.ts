import type { INestApplication } from '@nestjs/common';
import type { CustomStrategy, NestMicroservice } from '@nestjs/microservices';
import { Pool } from 'pg';
import type { Logger } from 'pino';
import type { PlatformConfig, PlatformMetrics } from '@incident/platform';
import { METRICS_REGISTRY, PINO_LOGGER, PLATFORM_CONFIG, ReadinessChecks } from '@incident/platform';
import { TOPICS } from '../topics';
import { IncidentEventHandlerErrorsFilter } from './handler-errors.filter';
import { IncidentEventsTransport, type IncidentEventsTransportOptions } from './incident-events.transport';

export interface ConnectIncidentEventsOptions extends Partial<
  Omit<IncidentEventsTransportOptions, 'kafka' | 'brokers' | 'registry' | 'ensureTopics' | 'ownsPool'>
> {
  /**
   * The service's consumer group, one per service whatever its replica count; default the service's name.
   * KAFKA_TOPIC_PREFIX is put in front of it, as in front of the topics.
   */
  readonly groupId?: string;
}

/**
 * Connects `incident.events` to a service's app as a Nest microservice, from the platform's providers: brokers,
 * topic names (with KAFKA_TOPIC_PREFIX) and partition counts from PLATFORM_CONFIG (both topics are created if
 * missing), lag and counters on METRICS_REGISTRY, log lines through PINO_LOGGER, `incident-events` on
 * /health/ready (ReadinessChecks), and a pool of its own on DATABASE_URL (one connection per partition handled at
 * once, plus one), ended when the app closes. Start it with `app.startAllMicroservices()`, which bootstrapService
 * does when given `connect`.
 */
export function connectIncidentEvents(
  app: INestApplication,
  options: ConnectIncidentEventsOptions = {},
): IncidentEventsTransport {
  const config = app.get<PlatformConfig>(PLATFORM_CONFIG);
  const metrics = app.get<PlatformMetrics>(METRICS_REGISTRY);
  const prefix = config.kafkaTopicPrefix;
  const {
    pool: givenPool,
    groupId = config.service,
    topic = `${prefix}${TOPICS.incidentEvents}`,
    dlqTopic = `${prefix}${TOPICS.deadLetters}`,
    logger = app.get<Logger>(PINO_LOGGER).child({ component: 'incident-events' }),
    ...rest
  } = options;
  const concurrency = Math.max(1, options.partitionsConsumedConcurrently ?? 3);
  const pool =
    givenPool ??
    new Pool({
      connectionString: config.databaseUrl,
      max: concurrency + 1,
      application_name: `${config.service}-incident-events`,
    });
  // A connection the server drops while idle must not crash the process; the next checkout reconnects.
  if (!givenPool) pool.on('error', (error) => logger.warn({ err: error.message }, 'idle PostgreSQL connection lost'));
  const transport = new IncidentEventsTransport({
    ...rest,
    topic,
    dlqTopic,
    groupId: `${prefix}${groupId}`,
    brokers: config.kafkaBrokers,
    clientId: `${config.service}-incident-events`,
    pool,
    ownsPool: !givenPool,
    registry: metrics.registry,
    logger,
    // Only the two topics it reads and writes; the relay and intake create theirs.
    ensureTopics: [
      { topic, numPartitions: config.kafkaPartitionsIncidentEvents },
      { topic: dlqTopic, numPartitions: config.kafkaPartitionsDeadLetters },
    ],
  });
  // What connectMicroservice does, with one filter added before the handlers are wired: filters are bound
  // when the listeners are registered, which connectMicroservice does at once unless initialisation is deferred.
  const microservice = app.connectMicroservice<CustomStrategy>(
    { strategy: transport },
    { deferInitialization: true },
  ) as NestMicroservice;
  microservice.useGlobalFilters(new IncidentEventHandlerErrorsFilter());
  microservice.registerListeners();
  microservice.setIsInitialized(true);
  microservice.setIsInitHookCalled(true);
  // A consumer kafkajs gave up on leaves the service up but deaf: /health/ready must say so.
  app.get(ReadinessChecks).add('incident-events', () => transport.readiness());
  return transport;
}
