import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type INestApplication, Module } from '@nestjs/common';
import request from 'supertest';
import { EVENT_STORE, type HashChainedEventStore, type RecordedEvent } from '@incident/event-store';
import { hiddenEvents, readLogUntil } from '@incident/event-store/testing';
import { createPlatformContext, createServiceApp, loadConfig, mintToken, type Role } from '@incident/platform';
import { createTestDatabase, kafkaBrokers, uniqueName, type TestDatabase } from '@incident/testing';
import { IntakeModule } from '../intake.module';
import { AlertsInboundRunner } from '../kafka/alerts-inbound.provider';
import type { Integration } from '@incident/contracts';

const SECRET = 'intake-test-secret-0123456789abcdefghij';
/** Copies of ../shared/fixtures, so the repository's tests stand alone. */
export const FIXTURES = join(__dirname, 'fixtures');
export const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;

export interface IntakeTestApp {
  readonly app: INestApplication;
  readonly database: TestDatabase;
  readonly clock: { now: Date };
  readonly topicPrefix: string;
  readonly url: string;
  http(): ReturnType<typeof request>;
  admin(): string;
  /** An Authorization header for a person holding these roles. */
  /** A person's token; `customerId` is required with (and only with) the customer role. */
  bearer(roles: Role[], customerId?: string): string;
  createIntegration(body?: Partial<Record<string, unknown>>): Promise<{ integration: Integration; key: string }>;
  /** Every stored event, in global order. */
  events(): Promise<{ stream_id: string; event_type: string; data: Record<string, unknown> }[]>;
  /** Every stored event as the store records it (metadata included), in global order. */
  recordedEvents(): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

/** The intake app in this process on a database of its own, with a clock the test moves. */
export async function startIntake(label: string, env: Record<string, string> = {}): Promise<IntakeTestApp> {
  const database = await createTestDatabase(label);
  const clock = { now: new Date('2026-11-22T10:00:00.000Z') };
  const config = loadConfig('intake', {
    DATABASE_URL: database.url,
    KAFKA_BROKERS: kafkaBrokers().join(','),
    AUTH_JWT_SECRET: SECRET,
    LOG_LEVEL: 'silent',
    // Topics of this suite's own, so its alerts.inbound consumer never sees another's records.
    KAFKA_TOPIC_PREFIX: `${uniqueName(label)}.`,
    ...env,
  });
  @Module({ imports: [IntakeModule.withClock(() => clock.now)] })
  class TestIntakeModule {}
  const app = await createServiceApp(createPlatformContext(config), TestIntakeModule);
  // A listening server: supertest would otherwise start one per request, and 200 at once reset each other.
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const bearer = (roles: Role[], customerId?: string) =>
    `Bearer ${mintToken({ secret: SECRET, issuer: 'incident-platform' }, { subject: `${roles.join('-')}-1`, roles, ...(customerId !== undefined && { customerId }), expiresIn: '10m' })}`;
  const admin = () => bearer(['admin']);
  const http = () => request(url.replace('[::1]', '127.0.0.1'));
  const store = app.get<HashChainedEventStore>(EVENT_STORE);
  const recordedEvents = async (): Promise<RecordedEvent[]> => {
    // The store shows readers only what no open transaction can still precede (another suite's may be open):
    // once none of this database's events is hidden, one read to the end is every stored event.
    while ((await hiddenEvents(store)) > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const events = await readLogUntil(store, () => true);
    return events.sort((a, b) =>
      a.globalPosition < b.globalPosition ? -1 : a.globalPosition > b.globalPosition ? 1 : 0,
    );
  };
  return {
    app,
    database,
    clock,
    topicPrefix: config.kafkaTopicPrefix,
    url,
    http,
    admin,
    bearer,
    async createIntegration(body = {}) {
      const response = await http()
        .post('/v1/integrations')
        .set('Authorization', admin())
        .send({
          name: 'test',
          source: 'test',
          customerId: 'acme',
          service: 'checkout',
          defaultCategory: 'availability.downtime',
          ...body,
        })
        .expect(201);
      return response.body as { integration: Integration; key: string };
    },
    recordedEvents,
    async events() {
      return (await recordedEvents()).map((event) => ({
        stream_id: event.streamId,
        event_type: event.type,
        data: event.data as Record<string, unknown>,
      }));
    },
    async close() {
      // Not during the alerts.inbound consumer's join (kafkajs would leave the group after the app had gone); a
      // broker that never lets it join fails the suites that use Kafka, so this waits at most 30 s.
      let waited: NodeJS.Timeout | undefined;
      await Promise.race([
        app.get(AlertsInboundRunner).whenJoined(),
        new Promise((resolve) => (waited = setTimeout(resolve, 30_000))),
      ]);
      clearTimeout(waited);
      await app.close();
      await database.drop();
    },
  };
}
