import { randomUUID } from 'node:crypto';
import { incidentStreamId } from '@incident/domain';
import { createEventStore, type HashChainedEventStore, IncidentCommandHandler } from '@incident/event-store';
import { WebhookReceiver } from '@incident/notify/testing';
import {
  createTestDatabase,
  describeWithInfrastructure,
  eventually,
  kafkaBrokers,
  type TestDatabase,
  uniqueName,
} from '@incident/testing';
import { AppProcess } from './test-support/app-process';
import { applyTestDirectory, testDirectoryYaml } from './test-support/test-directory';

const INCIDENTS = 200;
const LEVELS = 3;
const KILLS = 6;
const WEBHOOK_SECRET = 'escalation-crash-webhook-secret-0123456789abcdef';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithInfrastructure(
  ['postgres', 'kafka'],
  'escalation SIGKILLed again and again while incidents escalate',
  () => {
    let database: TestDatabase;
    let store: HashChainedEventStore;
    let receiver: WebhookReceiver;
    let relay: AppProcess | undefined;
    const replicas: AppProcess[] = [];

    beforeAll(async () => {
      database = await createTestDatabase('escalation_crash');
      store = await createEventStore({ databaseUrl: database.url });
      receiver = await WebhookReceiver.start(WEBHOOK_SECRET);
    });

    afterAll(async () => {
      await Promise.all(replicas.map((replica) => replica.kill('SIGKILL')));
      await relay?.kill('SIGKILL');
      await receiver?.close();
      await store?.close();
      await database?.drop();
    });

    it('delivers every (incident, level, target) page, under one idempotency key each, and records each once', async () => {
      const people = Array.from({ length: LEVELS }, (_, index) => ({
        id: `p${index + 1}`,
        contacts: [{ kind: 'webhook' as const, address: receiver.url(`p${index + 1}`) }],
      }));
      await applyTestDirectory(store, testDirectoryYaml(people, { delaySeconds: 2 }));
      const commands = new IncidentCommandHandler(store);
      const incidents = Array.from({ length: INCIDENTS }, () => randomUUID());
      const now = new Date().toISOString();
      for (const incidentId of incidents) {
        const context = { actor: { kind: 'system' as const, id: 'test' }, correlationId: incidentId };
        await commands.execute(
          {
            type: 'OpenIncident',
            data: {
              incidentId,
              dedupKey: incidentId,
              source: 'test',
              customerId: 'acme',
              service: 'checkout-api',
              title: 'Checkout API is down',
              openedAt: now,
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
              owningTeam: 'infrastructure',
              ruleId: 'test',
              triagedAt: now,
            },
          },
          context,
        );
      }
      const env = {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: kafkaBrokers().join(','),
        KAFKA_TOPIC_PREFIX: `${uniqueName('escalation-crash')}.`,
        KAFKA_PARTITIONS_INCIDENT_EVENTS: '3',
        AUTH_JWT_SECRET: 'escalation-crash-secret-0123456789abcdefghij',
        NOTIFY_WEBHOOK_SECRET: WEBHOOK_SECRET,
        ESCALATION_TIMER_LEASE_MS: '3000',
      };
      relay = await AppProcess.start('relay', env);
      // Killed with SIGKILL at uneven moments while pages are in flight; each replica replaces the last.
      for (let kill = 0; kill < KILLS; kill++) {
        const replica = await AppProcess.start('escalation', env);
        replicas.push(replica);
        await sleep(1_500 + ((kill * 733) % 2_000));
        await replica.kill('SIGKILL');
      }
      replicas.push(await AppProcess.start('escalation', env));

      const expected = incidents.flatMap((incidentId) =>
        people.map(({ id }, index) => `page:${incidentId}:0:${index + 1}:${index + 1}:${id}`),
      );
      await eventually(
        `all ${expected.length} pages delivered`,
        async () => (receiver.acceptedKeys().size >= expected.length ? true : undefined),
        { timeoutMs: 240_000, intervalMs: 500 },
      );
      const accepted = receiver.acceptedKeys();
      expect([...accepted.keys()].sort()).toEqual([...expected].sort());
      // Each key landed at the target it names: no page went to the wrong person under another's key.
      expect(receiver.received.every((webhook) => webhook.idempotencyKey?.endsWith(`:${webhook.path.slice(1)}`))).toBe(
        true,
      );

      const recorded = await eventually(
        'every outcome recorded',
        async () => {
          const histories = await Promise.all(incidents.map((id) => store.readStream(incidentStreamId(id))));
          const counts = histories.map((history) => ({
            requested: history.filter((event) => event.type === 'PageRequested').length,
            delivered: history.filter((event) => event.type === 'PageDelivered').length,
            escalated: history.filter((event) => event.type === 'IncidentEscalated').length,
          }));
          return counts.every((count) => count.delivered === LEVELS) ? counts : undefined;
        },
        { timeoutMs: 120_000, intervalMs: 1_000 },
      );
      expect(recorded.every((count) => count.requested === LEVELS && count.escalated === LEVELS - 1)).toBe(true);
      const redelivered = [...accepted.values()].filter((count) => count > 1).length;
      process.stdout.write(
        `escalation SIGKILLed ${KILLS} times: ${expected.length} pages, ${receiver.received.length} deliveries, ` +
          `${redelivered} keys delivered more than once (the receiver counted each key once)\n`,
      );
    }, 420_000);
  },
);
