import { randomUUID } from 'node:crypto';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import { RunbookVersions } from '@incident/directory';
import { incidentStreamId } from '@incident/domain';
import { createEventStore, type HashChainedEventStore, IncidentCommandHandler } from '@incident/event-store';
import {
  createTestDatabase,
  describeWithInfrastructure,
  eventually,
  testKafka,
  type TestDatabase,
  uniqueName,
} from '@incident/testing';
import { HoldingReceiver } from './test-support/holding-receiver';
import { type RemediationProcess, startRemediationProcess } from './test-support/remediation-process';
import { StreamRelay } from './test-support/stream-relay';

const runbooks = (url: string) => `
executors:
  restarter: { kind: webhook, url: '${url}', timeoutSeconds: 120 }
runbooks:
  - id: downtime-restart
    category: availability.downtime
    steps:
      - { id: restart, kind: automated, action: restart, description: Restart the service., executor: restarter }
`;

describeWithInfrastructure(['postgres', 'kafka'], 'remediation killed between the executor call and its record', () => {
  let database: TestDatabase;
  let store: HashChainedEventStore;
  let kafka: Kafka;
  let producer: Producer;
  let relay: StreamRelay;
  let receiver: HoldingReceiver;
  const processes: RemediationProcess[] = [];
  const prefix = `${uniqueName('remediation-crash')}.`;
  const env = () => ({
    DATABASE_URL: database.url,
    KAFKA_TOPIC_PREFIX: prefix,
    AUTH_JWT_SECRET: 'remediation-crash-secret-0123456789abcdef',
    NOTIFY_WEBHOOK_SECRET: 'remediation-crash-webhook-0123456789abcd',
  });

  beforeAll(async () => {
    database = await createTestDatabase('remediation_crash');
    store = await createEventStore({ databaseUrl: database.url });
    receiver = await HoldingReceiver.start();
    const context = {
      actor: { kind: 'user' as const, id: 'ops' },
      correlationId: randomUUID(),
      occurredAt: new Date().toISOString(),
    };
    await new RunbookVersions(store).apply(runbooks(receiver.url), 'runbooks.yaml', context);
    kafka = testKafka('remediation-crash');
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    relay = new StreamRelay(store, producer, `${prefix}incident.events`).start();
  });
  afterAll(async () => {
    for (const running of processes) running.child.kill('SIGKILL');
    await Promise.all(processes.map((running) => running.exited));
    await relay?.stop();
    await producer?.disconnect();
    await receiver?.close();
    await store?.close();
    await database?.drop();
  });

  it('calls again with the same key after a restart: one effect at the receiver, one RemediationExecuted', async () => {
    const incidentId = randomUUID();
    const commands = new IncidentCommandHandler(store);
    const context = { actor: { kind: 'integration' as const, id: 'alertmanager' }, correlationId: randomUUID() };
    await commands.execute(
      {
        type: 'OpenIncident',
        data: {
          incidentId,
          dedupKey: `acme-api/${incidentId}`,
          source: 'alertmanager',
          customerId: 'acme',
          service: 'acme-api',
          title: 'acme-api is down',
          openedAt: new Date().toISOString(),
        },
      },
      context,
    );
    await commands.execute(
      {
        type: 'TriageIncident',
        data: {
          incidentId,
          severity: 'urgent',
          category: 'availability.downtime',
          owningTeam: 'customer-success',
          ruleId: 'test',
          triagedAt: new Date().toISOString(),
        },
      },
      context,
    );
    relay.follow(incidentId);

    const first = await startRemediationProcess(env());
    processes.push(first);
    await eventually('the first executor call', async () => {
      if (first.child.exitCode !== null) throw new Error(`remediation exited early:\n${first.logs()}`);
      return receiver.requests.size > 0 ? true : undefined;
    });
    // The call is made and held: the process dies before it can record the result.
    first.child.kill('SIGKILL');
    await first.exited;
    processes.push(await startRemediationProcess(env()));

    const executed = await eventually(
      'RemediationExecuted after the restart',
      async () => {
        const events = await store.readStream(incidentStreamId(incidentId));
        return events.some((event) => event.type === 'RemediationExecuted') ? events : undefined;
      },
      { timeoutMs: 110_000 },
    );
    const key = `remediation:${incidentId}:downtime-restart.restart:1`;

    expect([...receiver.effects]).toEqual([key]);
    expect(receiver.requests.get(key)).toBe(2);
    expect(executed.filter((event) => event.type === 'RemediationExecuted')).toHaveLength(1);
    expect(executed.filter((event) => event.type === 'RemediationFailed')).toEqual([]);
  });
});
