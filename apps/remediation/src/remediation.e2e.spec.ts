import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import request from 'supertest';
import { DirectoryVersions, RunbookVersions } from '@incident/directory';
import { type IncidentEvent, incidentStreamId, type TriageFlag } from '@incident/domain';
import { EVENT_STORE, type HashChainedEventStore, IncidentCommandHandler } from '@incident/event-store';
import { signWebhookBody } from '@incident/notify';
import { SmtpReceiver, WebhookReceiver } from '@incident/notify/testing';
import { createPlatformContext, createServiceApp, mintToken } from '@incident/platform';
import { TEST_JWT_SECRET, testServiceConfig } from '@incident/platform/testing';
import {
  createTestDatabase,
  describeWithInfrastructure,
  eventually,
  kafkaBrokers,
  testKafka,
  type TestDatabase,
  uniqueName,
} from '@incident/testing';
import { HoursLedger } from './hours/hours-ledger';
import { connectRemediationEvents, RemediationModule } from './remediation.module';
import { runbooksForTests, scalerCalls } from './test-support/runbooks-for-tests';
import { StreamRelay } from './test-support/stream-relay';

const WEBHOOK_SECRET = 'remediation-e2e-webhook-secret-0123456789';
const DANA = 'dana.whitfield@acme.example';
const system = { actor: { kind: 'integration' as const, id: 'alertmanager' } };

/**
 * Three automated steps on one webhook executor, for incidents labelled `sequence: e2e`; one step on an executor
 * whose callbacks are due within a second, for `callback: e2e`.
 */
const SEQUENCE_RUNBOOK = `
  - id: errors-sequence
    category: errors.high_rate
    labels: { sequence: e2e }
    steps:
      - { id: rollback, kind: automated, action: rollback, description: Roll back., executor: deployer, onFailure: { retries: 0, then: next } }
      - { id: check, kind: manual, description: Look at the error rate. }
      - { id: restart, kind: automated, action: restart, description: Restart., executor: deployer }
      - { id: patch, kind: automated, action: patch, description: Patch., executor: deployer }
  - id: errors-deferred
    category: errors.high_rate
    labels: { callback: e2e }
    steps:
      - { id: patch, kind: automated, action: patch, description: Patch., executor: deferred, onFailure: { retries: 1, then: stop } }
`;

/** Quoted-printable soft breaks and escapes undone, so a long link reads as one line. */
const decoded = (raw: string): string =>
  raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

describeWithInfrastructure(['postgres', 'kafka'], 'remediation: the seed stories end to end', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let store: HashChainedEventStore;
  let kafka: Kafka;
  let producer: Producer;
  let relay: StreamRelay;
  let smtp: SmtpReceiver;
  let webhooks: WebhookReceiver;
  let scalerLog: string;
  const prefix = `${uniqueName('remediation')}.`;

  beforeAll(async () => {
    database = await createTestDatabase('remediation');
    smtp = await SmtpReceiver.start();
    webhooks = await WebhookReceiver.start(WEBHOOK_SECRET);
    const variables = {
      KAFKA_TOPIC_PREFIX: prefix,
      KAFKA_PARTITIONS_INCIDENT_EVENTS: '3',
      NOTIFY_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      NOTIFY_WEBHOOK_SECRET: WEBHOOK_SECRET,
    };
    const config = testServiceConfig('remediation', {
      databaseUrl: database.url,
      kafkaBrokers: kafkaBrokers(),
      variables,
    });
    app = await createServiceApp(createPlatformContext(config), RemediationModule);
    // As main.ts does it (bootstrapService with `connect`): the transport creates the prefixed topics.
    connectRemediationEvents(app);
    await app.init();
    await app.startAllMicroservices();
    store = app.get<HashChainedEventStore>(EVENT_STORE);
    const applied = {
      actor: { kind: 'user' as const, id: 'ops' },
      correlationId: randomUUID(),
      occurredAt: new Date().toISOString(),
    };
    const directory = readFileSync(join(__dirname, '../../../config/directory.example.yaml'), 'utf8');
    await new DirectoryVersions(store).apply(directory, 'directory.example.yaml', applied);
    const runbooks = runbooksForTests(webhooks.baseUrl);
    scalerLog = runbooks.scalerLog;
    const deferred = `executors:\n  deferred: { kind: webhook, url: '${webhooks.url('deferred')}', timeoutSeconds: 10, callbackTimeoutSeconds: 1 }\n`;
    const yaml = runbooks.yaml.replace('executors:\n', deferred) + SEQUENCE_RUNBOOK;
    await new RunbookVersions(store).apply(yaml, 'runbooks.yaml', applied);
    kafka = testKafka('remediation-suite');
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    relay = new StreamRelay(store, producer, `${prefix}incident.events`).start();
  });
  afterAll(async () => {
    await relay?.stop();
    await producer?.disconnect();
    await app?.close();
    await smtp?.close();
    await webhooks?.close();
    await database?.drop();
  });

  const history = async (incidentId: string) =>
    (await store.readStream(incidentStreamId(incidentId))) as unknown as (IncidentEvent & {
      metadata: { actor: { id: string } };
    })[];
  const waitFor = (incidentId: string, type: IncidentEvent['type']) =>
    eventually(`${type} on ${incidentId}`, async () => {
      const found = (await history(incidentId)).find((event) => event.type === type);
      return found;
    });

  /** An incident opened by an alert, then triaged as triage's rules would, and followed by the relay. */
  async function triaged(
    service: string,
    category:
      'resources.exhausted' | 'resources.underutilized' | 'security.exploit' | 'defect.bug' | 'errors.high_rate',
    labels: Record<string, string>,
    flags: TriageFlag[],
    customerId = 'acme',
    drill = false,
  ) {
    const incidentId = randomUUID();
    const commands = app.get(IncidentCommandHandler);
    const context = { ...system, correlationId: randomUUID() };
    await commands.execute(
      {
        type: 'OpenIncident',
        data: {
          incidentId,
          dedupKey: `${service}/${incidentId}`,
          source: 'alertmanager',
          customerId,
          service,
          title: `${service}: ${category}`,
          labels,
          drill,
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
          severity: 'high',
          category,
          owningTeam: 'customer-success',
          ruleId: 'test-rule',
          ruleSetVersion: 1,
          flags,
          triagedAt: new Date().toISOString(),
        },
      },
      { actor: { kind: 'system', id: 'triage' }, correlationId: context.correlationId },
    );
    relay.follow(incidentId);
    return incidentId;
  }

  it('CPU exhausted: scales up within limits without asking, recording the decision, the figures and the output', async () => {
    const incidentId = await triaged('acme-api', 'resources.exhausted', { instances: '4' }, [
      'autoscale_within_limits',
    ]);

    const executed = await waitFor(incidentId, 'RemediationExecuted');
    const events = await history(incidentId);
    const proposed = events.find((event) => event.type === 'RemediationProposed');

    expect(events.map((event) => event.type)).not.toContain('RemediationApprovalRequested');
    expect(proposed?.data).toMatchObject({
      remediationId: 'exhausted-scale-up.scale-up',
      action: 'scale_up',
      requiresApproval: false,
      monthlyCostDelta: 120,
      decision: {
        outcome: 'within_limits',
        figures: { currentSize: 4, targetSize: 5, maxSize: 8, approvalThreshold: 200 },
      },
    });
    expect(executed?.data).toMatchObject({ executedBy: 'remediation', output: 'scaled acme-api to 5\n' });
    expect(scalerCalls(scalerLog).filter((line) => line.includes(incidentId))).toEqual([
      `--service acme-api --to 5 --idempotency-key remediation:${incidentId}:exhausted-scale-up.scale-up:1`,
    ]);

    // The responder names the scale-up as what mitigated it, then resolves.
    const responder = `Bearer ${mintToken({ secret: TEST_JWT_SECRET, issuer: 'incident-platform' }, { subject: 'alice', roles: ['responder'], expiresIn: '5m' })}`;
    const achievedBy = { kind: 'remediation', id: 'exhausted-scale-up.scale-up' };
    const mitigated = await request(app.getHttpServer())
      .post(`/v1/incidents/${incidentId}/mitigate`)
      .set('Authorization', responder)
      .send({ summary: 'one more instance took the load', achievedBy })
      .expect(200);
    await request(app.getHttpServer())
      .post(`/v1/incidents/${incidentId}/resolve`)
      .set('Authorization', responder)
      .send({ summary: 'load back to normal' })
      .expect(200);

    expect(mitigated.body).toEqual({ events: ['IncidentMitigated'], duplicate: false });
    expect((await history(incidentId)).find((event) => event.type === 'IncidentMitigated')?.data).toMatchObject({
      achievedBy,
    });
    expect((await history(incidentId)).at(-1)?.type).toBe('IncidentResolved');
  });

  it('a drill: the same plan and lifecycle, but the executor is not called', async () => {
    const incidentId = await triaged('acme-api', 'resources.exhausted', { instances: '4' }, [], 'acme', true);

    const executed = await waitFor(incidentId, 'RemediationExecuted');

    expect(executed?.data).toMatchObject({ output: 'drill: scaler not called' });
    expect(scalerCalls(scalerLog).filter((line) => line.includes(incidentId))).toEqual([]);
  });

  it('underutilised: a downsize is proposed behind the gate, the saving shown to the customer, nothing run', async () => {
    const incidentId = await triaged('acme-api', 'resources.underutilized', { instances: '5' }, ['propose_downsize']);

    const requested = await waitFor(incidentId, 'RemediationApprovalRequested');
    const mail = await eventually('the downsize e-mail', async () =>
      smtp.received.find(
        (candidate) =>
          candidate.to.includes(DANA) &&
          decoded(candidate.raw).includes(incidentId) &&
          decoded(candidate.raw).includes('Approve: '),
      ),
    );
    const proposed = (await history(incidentId)).find((event) => event.type === 'RemediationProposed');

    expect(proposed?.data).toMatchObject({
      action: 'scale_down',
      monthlyCostDelta: -120,
      decision: {
        outcome: 'needs_approval',
        reasons: ['follows the approval gate confirm-downsize'],
        figures: { targetSize: 4 },
      },
    });
    expect(requested.data).toMatchObject({ monthlyCostDelta: -120, currency: 'EUR' });
    expect(decoded(mail.raw)).toContain('-120 EUR a month');
    expect(scalerCalls(scalerLog).filter((line) => line.includes(incidentId))).toEqual([]);
  });

  it('a resize beyond the threshold: e-mails Dana signed links; her approval by link runs it, naming her', async () => {
    const incidentId = await triaged('acme-postgres', 'resources.exhausted', { instances: '1' }, [
      'autoscale_within_limits',
    ]);

    const requested = await waitFor(incidentId, 'RemediationApprovalRequested');
    const mail = await eventually('the approval e-mail', async () =>
      smtp.received.find(
        (candidate) =>
          candidate.to.includes(DANA) &&
          decoded(candidate.raw).includes(incidentId) &&
          decoded(candidate.raw).includes('Approve: '),
      ),
    );
    const text = decoded(mail.raw);
    const approve = /Approve: (\S+)/.exec(text)?.[1];

    expect(requested.data).toMatchObject({ requestedFrom: DANA, monthlyCostDelta: 250, currency: 'EUR' });
    expect(text).toContain('+250 EUR a month');
    expect(text).toMatch(/Reject: \S+\/v1\/links\/v1\./);
    expect(scalerCalls(scalerLog).filter((line) => line.includes(incidentId))).toEqual([]);

    const path = new URL(approve!).pathname;
    await request(app.getHttpServer()).get(path).expect(200);
    await request(app.getHttpServer()).post(path).expect(200);
    await request(app.getHttpServer()).post(path).expect(410);
    const executed = await waitFor(incidentId, 'RemediationExecuted');
    const approved = (await history(incidentId)).find((event) => event.type === 'RemediationApproved');

    expect(approved?.data).toMatchObject({ approvedBy: DANA, onBehalfOf: null });
    expect(executed?.data).toMatchObject({
      remediationId: 'exhausted-database-resize.resize-up',
      output: 'scaled acme-postgres to 2\n',
    });
    expect(scalerCalls(scalerLog).filter((line) => line.includes(incidentId))).toHaveLength(1);
  });

  it('the same rejected by Dana over HTTP: nothing executed, and the on-call told', async () => {
    const incidentId = await triaged('acme-postgres', 'resources.exhausted', { instances: '1' }, [
      'autoscale_within_limits',
    ]);
    await waitFor(incidentId, 'RemediationApprovalRequested');
    const dana = mintToken(
      { secret: TEST_JWT_SECRET, issuer: 'incident-platform' },
      { subject: DANA, roles: ['customer'], customerId: 'acme', expiresIn: '5m' },
    );
    const globex = mintToken(
      { secret: TEST_JWT_SECRET, issuer: 'incident-platform' },
      { subject: 'mei.tanaka@globex.example', roles: ['customer'], customerId: 'globex', expiresIn: '5m' },
    );
    const url = `/v1/incidents/${incidentId}/remediations/exhausted-database-resize.resize-up/reject`;

    await request(app.getHttpServer())
      .post(url)
      .set('Authorization', `Bearer ${globex}`)
      .send({ reason: 'no' })
      .expect(404);
    const response = await request(app.getHttpServer())
      .post(url)
      .set('Authorization', `Bearer ${dana}`)
      .send({ reason: 'not this month' })
      .expect(200);
    const told = await waitFor(incidentId, 'StatusUpdatePosted');
    const types = (await history(incidentId)).map((event) => event.type);

    expect(response.body).toEqual({ events: ['RemediationRejected'], duplicate: false });
    expect(told?.data).toMatchObject({
      audience: 'internal',
      message: expect.stringContaining('rejected by dana.whitfield@acme.example'),
    });
    expect(types).not.toContain('RemediationExecuted');
    expect(scalerCalls(scalerLog).filter((line) => line.includes(incidentId))).toEqual([]);
  });

  it('the same with no answer: the request expires at its time, nothing executed, and the on-call told', async () => {
    const incidentId = await triaged('acme-postgres', 'resources.exhausted', { instances: '1' }, [
      'autoscale_within_limits',
    ]);
    const remediationId = 'exhausted-database-resize.resize-up';
    await waitFor(incidentId, 'RemediationApprovalRequested');
    // A responder withdraws the day-long request and asks again with a short deadline (the runbook's minimum is an hour).
    const commands = app.get(IncidentCommandHandler);
    const context = { actor: { kind: 'user' as const, id: 'alice' }, correlationId: randomUUID() };
    const now = Date.now();
    await commands.execute(
      {
        type: 'WithdrawRemediationApproval',
        data: {
          incidentId,
          remediationId,
          withdrawnBy: 'alice',
          reason: 'ask again',
          withdrawnAt: new Date(now).toISOString(),
        },
      },
      context,
    );
    const validUntil = new Date(now + 3_000).toISOString();
    await commands.execute(
      {
        type: 'RequestRemediationApproval',
        data: {
          incidentId,
          remediationId,
          requestedFrom: DANA,
          monthlyCostDelta: 250,
          currency: 'EUR',
          validUntil,
          requestedAt: new Date(now).toISOString(),
        },
      },
      context,
    );

    const expired = await waitFor(incidentId, 'RemediationApprovalExpired');
    const reminder = await eventually('the reminder', async () =>
      smtp.received.find(
        (mail) =>
          mail.to.includes(DANA) &&
          /Subject: Reminder: approval needed/.test(decoded(mail.raw)) &&
          decoded(mail.raw).includes(incidentId),
      ),
    );
    const told = await waitFor(incidentId, 'StatusUpdatePosted');

    expect(expired?.data).toMatchObject({ remediationId, validUntil, expiredAt: validUntil });
    expect(expired?.metadata).toMatchObject({
      causationId: `remediation-approval-expiry:${incidentId}:${remediationId}:${Date.parse(validUntil)}`,
    });
    expect(told?.data).toMatchObject({
      message: expect.stringContaining(`Nobody answered the approval request for ${remediationId}`),
    });
    expect((await history(incidentId)).map((event) => event.type)).not.toContain('RemediationExecuted');
    expect(decoded(reminder.raw)).toMatch(/Approve: \S+\/v1\/links\//);
  });

  it('an exploit: containment first, the customer told at once, a response team assembled', async () => {
    const incidentId = await triaged('acme-api', 'security.exploit', {}, [
      'notify_customer_immediately',
      'assemble_response_team',
    ]);

    await waitFor(incidentId, 'RemediationExecuted');
    const events = await history(incidentId);
    const types = events.map((event) => event.type);
    const team = events.find((event) => event.type === 'ResponseTeamAssembled');

    expect(types.slice(2, 6)).toEqual([
      'ContainmentApplied',
      'CustomerNotified',
      'ResponseTeamAssembled',
      'RemediationProposed',
    ]);
    expect(team?.data).toMatchObject({
      members: [
        { personId: 'alice', role: 'incident_commander' },
        { personId: 'bob', role: 'communications' },
        { personId: 'frank', role: 'security' },
      ],
    });
    expect(
      webhooks.received
        .filter((webhook) => webhook.idempotencyKey?.includes(incidentId))
        .map((webhook) => webhook.path),
    ).toEqual(['/network', '/deploy']);

    // Each member paged once (by e-mail, the first contact method), and the customer's people told.
    const pages = await eventually('three pages', async () => {
      const paged = (await history(incidentId)).filter((event) => event.type === 'ResponderPaged');
      return paged.length === 3 ? paged : undefined;
    });
    const notice = await eventually('the exploit notice', async () =>
      smtp.received.find((mail) => mail.to.includes('ops@acme.example') && decoded(mail.raw).includes(incidentId)),
    );

    expect(pages.map((event) => event.data)).toEqual([
      expect.objectContaining({ responderId: 'alice', channel: 'email' }),
      expect.objectContaining({ responderId: 'bob', channel: 'email' }),
      expect.objectContaining({ responderId: 'frank', channel: 'email' }),
    ]);
    expect(decoded(notice.raw)).toContain('isolated it, and a response team is on it');
  });

  it('an executor answering 202 reports by signed callback: a bad signature is refused, a repeat recorded once', async () => {
    webhooks.script('deploy', 202);
    const incidentId = await triaged('acme-api', 'security.exploit', {}, ['notify_customer_immediately']);
    const remediationId = 'exploit-contain.patch';
    const accepted = await eventually('the executor accepted the patch', async () =>
      (await history(incidentId)).find(
        (event) =>
          event.type === 'StatusUpdatePosted' && event.data.message.includes(`accepted attempt 1 of ${remediationId}`),
      ),
    );
    const call = webhooks.received.find(
      (webhook) => webhook.idempotencyKey === `remediation:${incidentId}:${remediationId}:1`,
    );
    const key = `remediation:${incidentId}:${remediationId}:1`;
    const body = (attempt: number) =>
      JSON.stringify({ incidentId, remediationId, attempt, outcome: 'executed', output: 'patched' });
    const callback = (text: string, secret: string, idempotencyKey = key) =>
      request(app.getHttpServer())
        .post('/v1/executor-callbacks')
        .set('Content-Type', 'application/json')
        .set('Idempotency-Key', idempotencyKey)
        .set('X-Incident-Signature', signWebhookBody(secret, text, new Date()))
        .send(text);

    const forged = await callback(body(1), 'not-the-executor-secret-0123456789abcdef').expect(401);
    const afterForged = (await history(incidentId)).map((event) => event.type);
    const stale = await callback(body(2), WEBHOOK_SECRET, `remediation:${incidentId}:${remediationId}:2`).expect(409);
    const first = await callback(body(1), WEBHOOK_SECRET).expect(200);
    const again = await callback(body(1), WEBHOOK_SECRET).expect(200);
    const executed = (await history(incidentId)).filter((event) => event.type === 'RemediationExecuted');

    expect(call?.payload).toMatchObject({ callbackUrl: expect.stringMatching(/\/v1\/executor-callbacks$/) });
    expect(accepted.data).toMatchObject({ audience: 'internal', postedBy: 'remediation' });
    expect(JSON.stringify(forged.body)).toMatch(/signature does not match/);
    expect(afterForged).not.toContain('RemediationExecuted');
    expect(JSON.stringify(stale.body)).toMatch(/not the one under way/);
    expect(first.body).toEqual({ events: ['RemediationExecuted'], duplicate: false });
    expect(again.body).toEqual({ events: ['RemediationExecuted'], duplicate: true });
    expect(executed).toHaveLength(1);
    expect(executed[0]).toMatchObject({
      data: { remediationId, executedBy: 'remediation', output: 'patched' },
      metadata: { actor: { kind: 'integration', id: 'executor:deployer' }, causationId: `executor-callback:${key}` },
    });
  });

  it('an accepted attempt with no callback by its deadline is failed, and the step retried with the next key', async () => {
    webhooks.script('deferred', 202, 200);
    const incidentId = await triaged('acme-api', 'errors.high_rate', { callback: 'e2e' }, []);

    const executed = await waitFor(incidentId, 'RemediationExecuted');
    const events = await history(incidentId);
    const failed = events.find((event) => event.type === 'RemediationFailed');
    const key = `remediation:${incidentId}:errors-deferred.patch`;

    expect(failed?.data).toMatchObject({
      remediationId: 'errors-deferred.patch',
      reason: 'no callback from deferred within 1 s',
    });
    expect(failed?.metadata).toMatchObject({ causationId: `executor-callback-deadline:${key}:1` });
    expect(executed.data).toMatchObject({ remediationId: 'errors-deferred.patch' });
    expect(
      webhooks.received
        .filter((webhook) => webhook.idempotencyKey?.startsWith(key))
        .map((webhook) => [webhook.idempotencyKey, webhook.status]),
    ).toEqual([
      [`${key}:1`, 202],
      [`${key}:2`, 200],
    ]);
  });

  it('steps in order: each runs after the one before, a failure with `then: next` going on to the next', async () => {
    webhooks.script('deploy', 500);
    const incidentId = await triaged('acme-api', 'errors.high_rate', { sequence: 'e2e' }, []);

    const done = await eventually('the last step executed', async () => {
      const events = await history(incidentId);
      return events.some(
        (event) => event.type === 'RemediationExecuted' && event.data.remediationId === 'errors-sequence.patch',
      )
        ? events
        : undefined;
    });
    const steps = done
      .filter((event) => event.type.startsWith('Remediation'))
      .map(
        (event) =>
          `${event.type}:${(event.data as { remediationId: string }).remediationId.slice('errors-sequence.'.length)}`,
      );
    const calls = webhooks.received
      .filter((webhook) => webhook.idempotencyKey?.includes(incidentId))
      .map((webhook) => `${webhook.idempotencyKey!.split(':')[2]}:${webhook.status}`);
    const restart = done.find(
      (event) => event.type === 'RemediationProposed' && event.data.remediationId === 'errors-sequence.restart',
    );

    expect(steps).toEqual([
      'RemediationProposed:rollback',
      'RemediationProposed:restart',
      'RemediationProposed:patch',
      'RemediationFailed:rollback',
      'RemediationExecuted:restart',
      'RemediationExecuted:patch',
    ]);
    expect(calls).toEqual(['errors-sequence.rollback:500', 'errors-sequence.restart:200', 'errors-sequence.patch:200']);
    expect(restart?.data).toMatchObject({ decision: { after: 'errors-sequence.rollback' } });
  });

  it("a responder's own steps: propose and record a fix, contain and lift, post an update; a cost change asks the customer first", async () => {
    const incidentId = await triaged('acme-api', 'defect.bug', {}, []);
    const responder = `Bearer ${mintToken({ secret: TEST_JWT_SECRET, issuer: 'incident-platform' }, { subject: 'carol', roles: ['responder'], expiresIn: '5m' })}`;
    const dana = `Bearer ${mintToken({ secret: TEST_JWT_SECRET, issuer: 'incident-platform' }, { subject: DANA, roles: ['customer'], customerId: 'acme', expiresIn: '5m' })}`;
    const post = (path: string, body: object, as = responder) =>
      request(app.getHttpServer()).post(`/v1/incidents/${incidentId}/${path}`).set('Authorization', as).send(body);

    await post('remediations', {
      remediationId: 'manual-restart',
      action: 'restart',
      description: 'Restart by hand',
      requiresApproval: false,
    }).expect(200);
    // Carol does not tick "requires approval", but the change costs 80 EUR a month more: Dana is asked.
    await post('remediations', {
      remediationId: 'bigger-box',
      action: 'resize',
      description: 'Resize',
      requiresApproval: false,
      monthlyCostDelta: 80,
    }).expect(200);
    const early = await post('remediations/bigger-box/execute', {}).expect(409);
    const requested = await waitFor(incidentId, 'RemediationApprovalRequested');
    const mail = await eventually("the approval e-mail for the person's proposal", async () =>
      smtp.received.find((candidate) => candidate.to.includes(DANA) && decoded(candidate.raw).includes(incidentId)),
    );
    await post('remediations/bigger-box/approve', {}, dana).expect(200);
    await post('remediations/bigger-box/execute', { output: 'resized by hand' }).expect(200);
    await post('remediations/manual-restart/execute', { output: 'restarted 3 pods' }).expect(200);
    await post('containments', {
      containmentId: 'cut-traffic',
      action: 'redirect_traffic',
      description: 'Traffic to the standby',
    }).expect(200);
    await post('containments/cut-traffic/lift', { reason: 'fixed' }).expect(200);
    await post('status-updates', { audience: 'customer', message: 'Restarted; watching.' }).expect(200);
    await post('status-updates', { audience: 'everyone', message: 'x' }).expect(400);

    const events = await history(incidentId);
    expect(JSON.stringify(early.body)).toMatch(/needs approval first/);
    expect(
      events.find((event) => event.type === 'RemediationProposed' && event.data.remediationId === 'bigger-box')?.data,
    ).toMatchObject({
      requiresApproval: true,
      proposedBy: 'carol',
    });
    expect(requested.data).toMatchObject({
      remediationId: 'bigger-box',
      requestedFrom: DANA,
      monthlyCostDelta: 80,
      currency: 'EUR',
    });
    expect(decoded(mail.raw)).toContain('+80 EUR a month');
    expect(events.map((event) => event.type).slice(2)).toEqual([
      'RemediationProposed',
      'RemediationProposed',
      'RemediationApprovalRequested',
      'RemediationApproved',
      'RemediationExecuted',
      'RemediationExecuted',
      'ContainmentApplied',
      'ContainmentLifted',
      'StatusUpdatePosted',
    ]);
  });

  it('time: three incidents of one customer cross its monthly budget, which needs a reason and is recorded', async () => {
    // Initech has 25 pre-approved hours a month (1500 min).
    const first = await triaged('initech-payments-worker', 'defect.bug', {}, [], 'initech');
    const second = await triaged('initech-payments-worker', 'defect.bug', {}, [], 'initech');
    const third = await triaged('initech-payments-worker', 'defect.bug', {}, [], 'initech');
    const responder = `Bearer ${mintToken({ secret: TEST_JWT_SECRET, issuer: 'incident-platform' }, { subject: 'alice', roles: ['responder'], expiresIn: '5m' })}`;
    const log = (incidentId: string, body: object) =>
      request(app.getHttpServer()).post(`/v1/incidents/${incidentId}/time`).set('Authorization', responder).send(body);
    const ledger = app.get(HoursLedger);
    const period = new Date().toISOString().slice(0, 7);
    // The ledger follows TimeLogged through Kafka: wait for it before the next entry is judged.
    const usedReaches = (minutes: number) =>
      eventually(`${minutes} min in the ledger`, async () =>
        (await ledger.used('initech', period)) === minutes ? true : undefined,
      );

    const bad = await log(first, { minutes: 0, kind: 'corrective' }).expect(400);
    const one = await log(first, { minutes: 600, kind: 'corrective', note: 'patched the worker' }).expect(200);
    await usedReaches(600);
    await log(second, { minutes: 600, kind: 'investigation' }).expect(200);
    await usedReaches(1200);
    const refused = await log(third, { minutes: 400, kind: 'corrective' }).expect(409);
    const over = await log(third, {
      minutes: 400,
      kind: 'corrective',
      overrunReason: 'customer asked for a hotfix',
    }).expect(200);
    const exceeded = (await history(third)).find((event) => event.type === 'PreApprovedHoursExceeded');
    // The customer success team (alice, bob, carol) is e-mailed, and the timeline says so.
    const told = await eventually('the customer success notice', async () =>
      (await history(third)).find(
        (event) => event.type === 'StatusUpdatePosted' && event.data.postedBy === 'remediation',
      ),
    );
    const overrunMails = smtp.received.filter(
      (mail) =>
        mail.raw.includes('Initech Payments is over its pre-approved hours') && decoded(mail.raw).includes(third),
    );

    expect(JSON.stringify(bad.body)).toMatch(/minutes/);
    expect(one.body).toEqual({
      events: ['TimeLogged'],
      duplicate: false,
      budget: { period, budgetMinutes: 1500, usedMinutes: 600 },
    });
    expect(JSON.stringify(refused.body)).toMatch(/overrunReason/);
    expect(over.body).toMatchObject({
      events: ['TimeLogged', 'PreApprovedHoursExceeded'],
      budget: { usedMinutes: 1600 },
    });
    expect(exceeded?.data).toMatchObject({
      customerId: 'initech',
      period,
      budgetMinutes: 1500,
      usedMinutes: 1600,
      reason: 'customer asked for a hotfix',
    });
    expect(told?.data).toMatchObject({
      audience: 'internal',
      message: `Customer success (alice, bob, carol) told: 1600 of 1500 pre-approved minutes for ${period}.`,
    });
    expect(overrunMails.flatMap((mail) => mail.to).sort()).toEqual([
      'alice@ops.example',
      'bob@ops.example',
      'carol@ops.example',
    ]);
  });
});
