import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Admin, type Kafka, Partitioners, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { DirectoryVersions, parseTriageRules, runWhatIf, TriageRuleVersions } from '@incident/directory';
import { incidentStreamId } from '@incident/domain';
import { createEventStore, type HashChainedEventStore } from '@incident/event-store';
import { computeConsumerLag } from '@incident/messaging';
import {
  createTestDatabase,
  describeWithInfrastructure,
  eventually,
  testKafka,
  type TestDatabase,
  uniqueName,
} from '@incident/testing';
import { IncidentArrivals } from './test-support/incident-arrivals';
import { TriageProcess } from './test-support/triage-process';

const ALERTS = 2_000;
const CONFIG = join(__dirname, '../../../config');
const config = (file: string) => readFileSync(join(CONFIG, file), 'utf8');

describeWithInfrastructure(['postgres', 'kafka'], 'triage process killed with SIGKILL while alerts arrive', () => {
  let database: TestDatabase;
  let store: HashChainedEventStore;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let sql: Client;
  const prefix = `${uniqueName('triage-crash')}.`;
  const processes: TriageProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('triage_crash');
    store = await createEventStore({ databaseUrl: database.url });
    // The directory and the rules in force before the first alert, as an operator applies them.
    const context = {
      actor: { kind: 'user' as const, id: 'ops' },
      correlationId: randomUUID(),
      occurredAt: new Date().toISOString(),
    };
    await new DirectoryVersions(store).apply(config('directory.example.yaml'), 'directory.yaml', context);
    await new TriageRuleVersions(store).apply(config('triage-rules.example.yaml'), 'triage-rules.yaml', context);
    kafka = testKafka('triage-crash');
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    admin = kafka.admin();
    await admin.connect();
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  });

  afterAll(async () => {
    await Promise.all(processes.map((triage) => triage.kill()));
    await producer?.disconnect();
    await admin?.disconnect();
    await sql?.end();
    await store?.close();
    await database?.drop();
  });

  /** How many incidents have an IncidentTriaged so far (a progress probe only; the assertions read the streams). */
  const triagedSoFar = async (): Promise<number> =>
    Number(
      (
        await sql.query<{ n: string }>(
          `SELECT count(*) AS n FROM event_store.events WHERE event_type = 'IncidentTriaged'`,
        )
      ).rows[0]!.n,
    );

  /** True once triage's group has committed every record of incident.events: redeliveries included, all handled. */
  const caughtUp = async (): Promise<true | undefined> => {
    const topic = `${prefix}incident.events`;
    const [watermarks, committed] = await Promise.all([
      admin.fetchTopicOffsets(topic),
      admin.fetchOffsets({ groupId: `${prefix}triage`, topics: [topic] }),
    ]);
    const lags = computeConsumerLag(watermarks, committed[0]?.partitions ?? []);
    return lags.every((partition) => partition.lag === 0) ? true : undefined;
  };

  it('triages every incident exactly once after a restart', async () => {
    const env = { DATABASE_URL: database.url, KAFKA_TOPIC_PREFIX: prefix, KAFKA_PARTITIONS_INCIDENT_EVENTS: '3' };
    const first = await TriageProcess.start(env);
    processes.push(first);
    const arrivals = new IncidentArrivals(store, producer, `${prefix}incident.events`);
    arrivals.start(ALERTS, 50);

    // Killed mid-stream: some incidents triaged, the rest still arriving or waiting on the topic.
    await eventually('a first share of the incidents to be triaged', async () =>
      (await triagedSoFar()) >= 300 ? true : undefined,
    );
    await first.kill('SIGKILL');
    const triagedAtKill = await triagedSoFar();
    const arrivedAtKill = arrivals.incidentIds.length;

    const second = await TriageProcess.start(env);
    processes.push(second);
    await arrivals.finished();
    await eventually(
      'every incident to be triaged',
      async () => ((await triagedSoFar()) >= ALERTS ? true : undefined),
      { timeoutMs: 240_000, intervalMs: 500 },
    );
    await eventually('triage to have handled every record, redeliveries included', caughtUp, { timeoutMs: 120_000 });

    const histories = await Promise.all(
      arrivals.incidentIds.map(async (id) => (await store.readStream(incidentStreamId(id))).map((event) => event.type)),
    );
    const triagedOnce = histories.filter((types) => types.filter((type) => type === 'IncidentTriaged').length === 1);
    expect(histories).toHaveLength(ALERTS);
    expect(triagedOnce).toHaveLength(ALERTS);
    expect(histories.filter((types) => types.includes('IncidentReclassified'))).toEqual([]);
    expect(triagedAtKill).toBeLessThan(ALERTS);
    process.stdout.write(
      `triage SIGKILLed with ${triagedAtKill} of ${ALERTS} incidents triaged (${arrivedAtKill} arrived); ` +
        `after the restart all ${ALERTS} triaged exactly once\n`,
    );
  }, 300_000);

  it('what-if with the rules in force finds nothing decided differently: it rebuilds the facts the consumer saw', async () => {
    const parsed = parseTriageRules(config('triage-rules.example.yaml'), 'triage-rules.yaml');
    if ('errors' in parsed) throw new Error('the example rules do not validate');
    const period = { from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000) };
    const { totals } = await runWhatIf(store, parsed.ruleSet, { period });
    expect(totals).toMatchObject({ incidents: ALERTS, changed: 0, pages: { actual: ALERTS, proposed: ALERTS } });
  });
});
