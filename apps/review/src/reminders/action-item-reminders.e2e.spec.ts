import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import { DirectoryVersions, ReviewPolicyVersions } from '@incident/directory';
import { type IncidentCommand, incidentStreamId } from '@incident/domain';
import { createEventStore, type HashChainedEventStore, IncidentCommandHandler } from '@incident/event-store';
import { toIncidentEventMessage } from '@incident/messaging';
import { messageIdFor } from '@incident/notify';
import { type ReceivedMail, SmtpReceiver } from '@incident/notify/testing';
import { TEST_JWT_SECRET } from '@incident/platform/testing';
import { Scheduler } from '@incident/scheduler';
import {
  type BuiltServiceProcess,
  createTestDatabase,
  describeWithInfrastructure,
  eventually,
  testKafka,
  type TestDatabase,
  uniqueName,
} from '@incident/testing';
import { startBuilt } from '../test-support/review-processes';
import { urgentResponse } from '../test-support/review-history';
import { reminderTimerKey } from './reminder-steps';

const config = (name: string) => readFileSync(join(__dirname, '../../../../config', name), 'utf8');
/** Reminder offsets in seconds, so that a whole run of steps falls due within the test. */
const POLICY = config('review-policy.example.yaml').replace('remindBefore: [2d, 1h]', 'remindBefore: [50s, 25s]');
const STEPS = ['remind-50s', 'remind-25s', 'overdue'];
/** From the items' addition to their due time: room for each step to be seen before the next falls due. */
const DUE_IN_MS = 80_000;
const MAIL_DOMAIN = 'ops.example';
const system = { actor: { kind: 'user' as const, id: 'alice' } };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Generous: a killed claim is fired again only once its lease (30 s) has run out, on a loaded machine. */
const LONG_WAIT = { timeoutMs: 180_000 };

/**
 * Issue 17's "exactly once per reminder step, across a restart", with the restart a SIGKILL of the built review
 * service (`apps/review/dist/main.js`, needs `npm run build`) at the worst instant: the SMTP receiver has the
 * reminder but holds its reply, so the process has sent it and not recorded the step when it dies. The test
 * plays the relay (each record published twice) and the responders (commands to the store).
 */
describeWithInfrastructure(['postgres', 'kafka'], 'review: action-item reminders across a SIGKILL', () => {
  let database: TestDatabase;
  let store: HashChainedEventStore;
  let commands: IncidentCommandHandler;
  let scheduler: Scheduler;
  let smtp: SmtpReceiver;
  let kafka: Kafka;
  let producer: Producer;
  let review: BuiltServiceProcess | undefined;
  const prefix = `${uniqueName('review-reminders')}.`;
  const incidentId = randomUUID();
  const open = 'item-open';
  const done = 'item-done';
  let dueDate: string;

  const execute = (command: IncidentCommand) => commands.execute(command, { ...system, correlationId: randomUUID() });
  /** What the relay would do, twice over as after a relay restart: the service must not act twice. */
  async function publishTwice(): Promise<void> {
    const messages = (await store.readStream(incidentStreamId(incidentId))).map(toIncidentEventMessage);
    await producer.send({ topic: `${prefix}incident.events`, acks: -1, messages: [...messages, ...messages] });
  }
  /** `item:step:recipient` of a mail, read from the idempotency key it carries (timer key + recipient). */
  const stepOf = (mail: ReceivedMail): string | undefined => {
    const [, incident, item, step, , person] = (mail.headers.get('x-idempotency-key') ?? '').split(':');
    return incident === incidentId ? `${item}:${step}:${person}` : undefined;
  };
  const mailsOf = (): ReceivedMail[] => smtp.received.filter((mail) => stepOf(mail) !== undefined);
  /** Mails received per `item:step:recipient`, every copy counted. */
  const copiesPerStep = (): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const name of mailsOf().map(stepOf) as string[]) counts[name] = (counts[name] ?? 0) + 1;
    return counts;
  };
  /** The distinct Message-IDs per `item:step:recipient`: what a receiver that drops a seen Message-ID shows. */
  const messageIdsPerStep = (): Record<string, string[]> => {
    const ids: Record<string, Set<string>> = {};
    for (const mail of mailsOf()) (ids[stepOf(mail) as string] ??= new Set()).add(mail.headers.get('message-id') ?? '');
    return Object.fromEntries(Object.entries(ids).map(([name, set]) => [name, [...set]]));
  };
  const expectedMessageId = (item: string, step: string, person: string) =>
    messageIdFor(`${reminderTimerKey(incidentId, item, step, dueDate)}:${person}`, MAIL_DOMAIN);
  const received = (name: string) =>
    eventually(`a mail for ${name}`, async () => (copiesPerStep()[name] ? true : undefined), LONG_WAIT);
  const statusOf = async (item: string, step: string) =>
    (await scheduler.get(reminderTimerKey(incidentId, item, step, dueDate)))?.status;
  const startReview = () =>
    startBuilt(
      'review',
      {
        DATABASE_URL: database.url,
        KAFKA_TOPIC_PREFIX: prefix,
        KAFKA_PARTITIONS_INCIDENT_EVENTS: '3',
        AUTH_JWT_SECRET: TEST_JWT_SECRET,
        NOTIFY_SMTP_URL: smtp.url,
        NOTIFY_MAIL_FROM: `review@${MAIL_DOMAIN}`,
      },
      '/health/ready',
      120_000,
    );

  beforeAll(async () => {
    database = await createTestDatabase('review_reminders');
    store = await createEventStore({ databaseUrl: database.url });
    commands = new IncidentCommandHandler(store);
    // Reads the review service's timer rows; this instance never fires any (it is never started).
    scheduler = new Scheduler({ queue: 'review', connectionString: database.url });
    smtp = await SmtpReceiver.start();
    const applied = { actor: { kind: 'user' as const, id: 'lead' }, correlationId: randomUUID() };
    const at = { ...applied, occurredAt: new Date().toISOString() };
    await new DirectoryVersions(store).apply(config('directory.example.yaml'), 'directory.example.yaml', at);
    await new ReviewPolicyVersions(store).apply(POLICY, 'review-policy.yaml', at);
    review = await startReview();
    kafka = testKafka('review-reminders-suite');
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();

    // Given a review with two of dave's items (team app-support: dave, erin), falling due in 80 seconds.
    for (const command of urgentResponse(incidentId)) await execute(command);
    const now = new Date();
    dueDate = new Date(now.getTime() + DUE_IN_MS).toISOString();
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

    // When the first reminders have gone out, one item is completed.
    await received(`${open}:remind-50s:dave`);
    await received(`${done}:remind-50s:dave`);
    await execute({
      type: 'CompleteActionItem',
      data: { incidentId, actionItemId: done, completedBy: 'dave', completedAt: new Date().toISOString() },
    });
    await publishTwice();

    // Then the review process is SIGKILLed as the open item's second reminder is sent: the mail is received, its
    // reply held, so the process dies between sending and recording the step. The overdue notice falls due while
    // no review process runs; then one starts again.
    smtp.holdNextReply((mail) => stepOf(mail) === `${open}:remind-25s:dave`);
    await received(`${open}:remind-25s:dave`);
    await review.kill('SIGKILL');
    review = undefined;
    smtp.releaseHeld();
    await sleep(Math.max(0, Date.parse(dueDate) + 2_000 - Date.now()));
    review = await startReview();
    await publishTwice();
    await eventually(
      'every step of the open item fired, and none of the completed item pending',
      async () => {
        const opens = await Promise.all(STEPS.map((step) => statusOf(open, step)));
        const dones = await Promise.all(STEPS.map((step) => statusOf(done, step)));
        const settled = opens.every((status) => status === 'fired') && dones.every((status) => status !== 'pending');
        return settled ? true : undefined;
      },
      LONG_WAIT,
    );
  }, 480_000);
  afterAll(async () => {
    await review?.kill('SIGTERM');
    await producer?.disconnect();
    await scheduler?.stop();
    await smtp?.close();
    await database?.drop();
  });

  it('notifies exactly once per item, reminder step and recipient, across the kill: one Message-ID each', () => {
    expect(messageIdsPerStep()).toEqual({
      [`${open}:remind-50s:dave`]: [expectedMessageId(open, 'remind-50s', 'dave')],
      [`${open}:remind-25s:dave`]: [expectedMessageId(open, 'remind-25s', 'dave')],
      [`${open}:overdue:dave`]: [expectedMessageId(open, 'overdue', 'dave')],
      [`${open}:overdue:erin`]: [expectedMessageId(open, 'overdue', 'erin')],
      [`${done}:remind-50s:dave`]: [expectedMessageId(done, 'remind-50s', 'dave')],
    });
  });

  it('sends the step the kill caught unrecorded once more after the restart, with the same Message-ID, and every other step once', () => {
    // At-least-once: the killed process never learnt the mail had gone, so the restarted one sends it again.
    expect(copiesPerStep()).toEqual({
      [`${open}:remind-50s:dave`]: 1,
      [`${open}:remind-25s:dave`]: 2,
      [`${open}:overdue:dave`]: 1,
      [`${open}:overdue:erin`]: 1,
      [`${done}:remind-50s:dave`]: 1,
    });
  });

  it('records each step sent as its timer, fired', async () => {
    expect(await Promise.all(STEPS.map((step) => statusOf(open, step)))).toEqual(['fired', 'fired', 'fired']);
  });

  it('sends a completed item no further reminder: its later steps settle without a mail', async () => {
    const later = await Promise.all(['remind-25s', 'overdue'].map((step) => statusOf(done, step)));

    // Cancelled when the completion was consumed first; fired (and finding the item done) otherwise.
    expect(later.map((status) => status === 'cancelled' || status === 'fired')).toEqual([true, true]);
    expect(Object.keys(copiesPerStep()).filter((name) => name.startsWith(`${done}:`))).toEqual([
      `${done}:remind-50s:dave`,
    ]);
  });

  it('tells the team whose item it is, and who owns it', () => {
    const notice = smtp.received.find((mail) => mail.to.includes('erin@ops.example'));
    expect(notice?.headers.get('subject')).toBe(`Overdue action item (Dave Schmidt): alert on disk (${open})`);
  });
});
