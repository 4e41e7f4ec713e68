import type { INestApplication } from '@nestjs/common';
import { Module } from '@nestjs/common';
import request from 'supertest';
import { startTestService } from '@incident/platform/testing';
import {
  createTestDatabase,
  describeWithInfrastructure,
  freePort,
  kafkaBrokers,
  type TestDatabase,
} from '@incident/testing';
import { EventStoreModule } from './event-store.module';

@Module({ imports: [EventStoreModule.forRoot()] })
class StoreUserModule {}

/** No EventStoreDB server runs here; a port nothing listens on stands for one that is down. */
describeWithInfrastructure(['postgres', 'kafka'], '/health/ready and the event store', () => {
  let database: TestDatabase;
  const apps: INestApplication[] = [];

  const start = async (eventStoreUrl?: string) => {
    const variables = { HEALTH_CHECK_TIMEOUT_MS: '1500', ...(eventStoreUrl ? { EVENTSTORE_URL: eventStoreUrl } : {}) };
    const app = await startTestService('query', StoreUserModule, {
      databaseUrl: database.url,
      kafkaBrokers: kafkaBrokers(),
      variables,
    });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    database = await createTestDatabase('readiness');
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await database?.drop();
  });

  it('with EVENTSTORE_URL set, is not ready while the EventStoreDB server does not answer', async () => {
    const app = await start(`kurrentdb://127.0.0.1:${await freePort()}?tls=false`);
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(503);
    expect(ready.body.error).toMatchObject({ eventstore: { status: 'down' } });
    expect(ready.body.info).toMatchObject({ postgres: { status: 'up' }, kafka: { status: 'up' } });
  });

  it('without it, leaves the PostgreSQL store to the postgres check', async () => {
    const app = await start();
    const ready = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(Object.keys(ready.body.details).sort()).toEqual(['background', 'kafka', 'postgres', 'process']);
  });
});
