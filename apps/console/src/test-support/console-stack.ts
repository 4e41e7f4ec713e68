import { createTestDatabase, type BuiltServiceProcess, type TestDatabase, uniqueName } from '@incident/testing';
import type { UpstreamService } from '../console.config';
import { ConsoleProcess } from './console-process';
import { startService } from './service-processes';

export type StackService = UpstreamService | 'relay';

export interface ConsoleStack {
  readonly database: TestDatabase;
  readonly console: ConsoleProcess;
  /** Each started service by name, with its `url`. */
  readonly services: Readonly<Partial<Record<StackService, BuiltServiceProcess & { readonly url: string }>>>;
  /** Stops the console and the services (SIGTERM), then drops the database. */
  stop(): Promise<void>;
}

/**
 * The built console in front of built services on a database of the stack's own, one Kafka topic prefix for all
 * (so relay, triage and the others see each other's topics), every process sharing CONSOLE_TEST_SECRET. For the
 * browser test: `['query', 'intake', 'escalation', 'remediation']` opens, lists, acknowledges and resolves an
 * incident (intake appends to the store and query's projections follow it; relay and triage are not needed).
 */
export async function startConsoleStack(
  services: readonly StackService[],
  options: { webDir?: string; variables?: Readonly<Record<string, string>> } = {},
): Promise<ConsoleStack> {
  const database = await createTestDatabase('console_stack');
  const started: Partial<Record<StackService, BuiltServiceProcess & { readonly url: string }>> = {};
  const variables = { KAFKA_TOPIC_PREFIX: `${uniqueName('console-stack')}.`, ...options.variables };
  let console: ConsoleProcess | undefined;
  const stop = async () => {
    await console?.kill('SIGTERM');
    await Promise.all(Object.values(started).map((service) => service.kill('SIGTERM')));
    await database.drop();
  };
  try {
    // One after another: several services migrating the same fresh database at once only queue on its locks.
    for (const name of services) started[name] = await startService(name, database.url, variables);
    const upstreams = Object.fromEntries(
      Object.entries(started)
        .filter(([name]) => name !== 'relay')
        .map(([name, service]) => [name, service.url]),
    );
    console = await ConsoleProcess.start({
      databaseUrl: database.url,
      upstreams,
      ...(options.webDir !== undefined && { webDir: options.webDir }),
      ...(options.variables !== undefined && { variables: options.variables }),
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { database, console, services: started, stop };
}
