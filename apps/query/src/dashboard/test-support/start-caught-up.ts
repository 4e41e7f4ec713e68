import type { INestApplication } from '@nestjs/common';
import type { TestEventStore } from '@incident/event-store/testing';
import { startTestService } from '@incident/platform/testing';
import { openReadModels } from '@incident/read-models';
import { waitUntilCaughtUp } from '@incident/read-models/testing';
import { kafkaBrokers } from '@incident/testing';
import { QueryModule } from '../../query.module';

/**
 * Starts the query service on the suite's event store and returns once its projections, which run inside the
 * app, have read the whole log: waited for by their lag, as a dashboard would.
 */
export async function startQueryCaughtUp(
  eventStore: TestEventStore,
  variables: Record<string, string> = {},
): Promise<INestApplication> {
  const databaseUrl = eventStore.database.url;
  const app = await startTestService('query', QueryModule, { databaseUrl, kafkaBrokers: kafkaBrokers(), variables });
  const dataSource = await openReadModels({ databaseUrl });
  try {
    await waitUntilCaughtUp(dataSource, eventStore.store);
  } finally {
    await dataSource.destroy();
  }
  return app;
}
