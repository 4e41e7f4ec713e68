import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import { DirectoryReader, DirectoryVersions, ReviewPolicyVersions } from '@incident/directory';
import { type IncidentCommand, incidentStreamId } from '@incident/domain';
import { EVENT_STORE, type HashChainedEventStore, IncidentCommandHandler } from '@incident/event-store';
import { toIncidentEventMessage } from '@incident/messaging';
import { SmtpReceiver } from '@incident/notify/testing';
import { createPlatformContext, createServiceApp } from '@incident/platform';
import { testServiceConfig } from '@incident/platform/testing';
import { Scheduler } from '@incident/scheduler';
import {
  createTestDatabase,
  describeWithInfrastructure,
  eventually,
  kafkaBrokers,
  testKafka,
  type TestDatabase,
  uniqueName,
} from '@incident/testing';
import { connectReviewEvents, ReviewModule } from '../review.module';
import { ReviewPolicySource } from '../review-policy.source';
import { urgentResponse } from '../test-support/review-history';
import { reminderTimerKey } from './reminder-steps';

const config = (name: string) => readFileSync(join(__dirname, '../../../../config', name), 'utf8');
/** Reminder offsets in seconds, so that a whole run of steps falls due within the test. */
const POLICY = config('review-policy.example.yaml').replace('remindBefore: [2d, 1h]', 'remindBefore: [40s, 20s]');
const system = { actor: { kind: 'user' as const, id: 'alice' }, correlationId: randomUUID() };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithInfrastructure(['postgres', 'kafka'], 'review: action-item reminders and overdue notices', () => {
  let database: TestDatabase;
  let smtp: SmtpReceiver;
  let app: INestApplication | undefined;
  let kafka: Kafka;
  let producer: Producer;
  const prefix = `${uniqueName('review-reminders')}.`;
  const incidentId = randomUUID();
  const open = 'item-open';
  const done = 'item-done';
  let dueDate: string;

  async function startReview(): Promise<INestApplication> {
    const variables = {
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_PARTITIONS_INCIDENT_EVENTS: '3',
      NOTIFY_SMTP_URL: smtp.url,
      NOTIFY_MAIL_FROM: 'review@ops.example',
    };
    const platform = testServiceConfig('review', {
      databaseUrl: database.url,
      kafkaBrokers: kafkaBrokers(),
      variables,
    });
    const started = await createServiceApp(createPlatformContext(platform), ReviewModule);
    connectReviewEvents(started);
    await started.init();
    await started.get(DirectoryReader).refresh();
    await started.get(ReviewPolicySource).refresh();
    await started.startAllMicroservices();
    return started;
  }
  const store = () => app!.get<HashChainedEventStore>(EVENT_STORE);
  const execute = (command: IncidentCommand) => app!.get(IncidentCommandHandler).execute(command, system);
  /** What the relay would do, twice over as after a relay restart: the service must not act twice. */
  async function publishTwice(): Promise<void> {
    const messages = (await store().readStream(incidentStreamId(incidentId))).map(toIncidentEventMessage);
    await producer.send({ topic: `${prefix}incident.events`, acks: -1, messages: [...messages, ...messages] });
  }
  /** Mails received per `item:step:recipient`, read from the idempotency key each mail carries. */
  const mailsPerStep = (): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const mail of smtp.received) {
      const [, incident, item, step, , person] = (mail.headers.get('x-idempotency-key') ?? '').split(':');
      if (incident !== incidentId) continue;
      const name = `${item}:${step}:${person}`;
      counts[name] = (counts[name] ?? 0) + 1;
    }
    return counts;
  };
  const received = (name: string) =>
    eventually(`a mail for ${name}`, async () => (mailsPerStep()[name] ? true : undefined), { timeoutMs: 90_000 });

  beforeAll(async () => {
    database = await createTestDatabase('review_reminders');
    smtp = await SmtpReceiver.start();
    app = await startReview();
    const applied = { actor: { kind: 'user' as const, id: 'lead' }, correlationId: randomUUID() };
    const at = { ...applied, occurredAt: new Date().toISOString() };
    await new DirectoryVersions(store()).apply(config('directory.example.yaml'), 'directory.example.yaml', at);
    await new ReviewPolicyVersions(store()).apply(POLICY, 'review-policy.yaml', at);
    await app.get(DirectoryReader).refresh();
    await app.get(ReviewPolicySource).refresh();
    kafka = testKafka('review-reminders-suite');
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();

    // Given a review with two of dave's items (team app-support: dave, erin), due a minute from now.
    for (const command of urgentResponse(incidentId)) await execute(command);
    const now = new Date();
    dueDate = new Date(now.getTime() + 60_000).toISOString();
    const addedAt = now.toISOString();
    await execute({ type: 'StartReview', data: { incidentId, startedBy: 'alice', startedAt: addedAt } });
    for (const actionItemId of [open, done]) {
      const item = {
        actionItemId,
        kind: 'preventive' as const,
        title: `alert on disk (${actionItemId})`,
        owner: 'dave',
      };
      await execute({ type: 'AddActionItem', data: { incidentId, ...item, dueDate, addedAt } });
    }
    await publishTwice();

    // When the first reminder has gone out, one item is completed and the service stops; the other steps fall
    // due while it is down, and it starts again.
    await received(`${open}:remind-40s:dave`);
    await received(`${done}:remind-40s:dave`);
    const completedAt = new Date().toISOString();
    await execute({
      type: 'CompleteActionItem',
      data: { incidentId, actionItemId: done, completedBy: 'dave', completedAt },
    });
    await publishTwice();
    await app.close();
    app = undefined;
    await sleep(Math.max(0, Date.parse(dueDate) + 2_000 - Date.now()));
    app = await startReview();
    await publishTwice();
    await received(`${open}:overdue:erin`);
    await received(`${open}:overdue:dave`);
    await received(`${open}:remind-20s:dave`);
    const scheduler = app.get(Scheduler);
    await eventually('every step of the completed item settled', async () => {
      const rows = await Promise.all(
        ['remind-20s', 'overdue'].map((step) => scheduler.get(reminderTimerKey(incidentId, done, step, dueDate))),
      );
      return rows.every((row) => row?.status !== 'pending') ? true : undefined;
    });
  });
  afterAll(async () => {
    await producer?.disconnect();
    await app?.close();
    await smtp?.close();
    await database?.drop();
  });

  it('an overdue action item notifies its owner’s team exactly once per reminder step, across a restart', () => {
    expect(mailsPerStep()).toEqual({
      [`${open}:remind-40s:dave`]: 1,
      [`${open}:remind-20s:dave`]: 1,
      [`${open}:overdue:dave`]: 1,
      [`${open}:overdue:erin`]: 1,
      [`${done}:remind-40s:dave`]: 1,
    });
  });

  it('records each step sent as its timer, fired', async () => {
    const scheduler = app!.get(Scheduler);
    const statuses = await Promise.all(
      ['remind-40s', 'remind-20s', 'overdue'].map(
        async (step) => (await scheduler.get(reminderTimerKey(incidentId, open, step, dueDate)))?.status,
      ),
    );
    expect(statuses).toEqual(['fired', 'fired', 'fired']);
  });

  it('sends a completed item no further reminder: its later steps settle without a mail', async () => {
    const scheduler = app!.get(Scheduler);
    const settled = await Promise.all(
      ['remind-20s', 'overdue'].map(async (step) => {
        const status = (await scheduler.get(reminderTimerKey(incidentId, done, step, dueDate)))?.status;
        // Cancelled when the completion was consumed first; fired (and finding the item done) otherwise.
        return status === 'cancelled' || status === 'fired';
      }),
    );
    expect(settled).toEqual([true, true]);
    expect(Object.keys(mailsPerStep()).filter((name) => name.startsWith(`${done}:`))).toEqual([
      `${done}:remind-40s:dave`,
    ]);
  });

  it('tells the team whose item it is, and who owns it', () => {
    const notice = smtp.received.find((mail) => mail.to.includes('erin@ops.example'));
    expect(notice?.headers.get('subject')).toBe(`Overdue action item (Dave Schmidt): alert on disk (${open})`);
  });
});
