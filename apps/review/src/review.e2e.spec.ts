import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import request from 'supertest';
import { DirectoryVersions, ReviewPolicyVersions } from '@incident/directory';
import { type IncidentCommand, incidentStreamId } from '@incident/domain';
import { createEventStore, type HashChainedEventStore, IncidentCommandHandler } from '@incident/event-store';
import { SmtpReceiver } from '@incident/notify/testing';
import { mintToken, type Role } from '@incident/platform';
import { TEST_JWT_SECRET } from '@incident/platform/testing';
import {
  type BuiltServiceProcess,
  createTestDatabase,
  describeWithInfrastructure,
  eventually,
  type TestDatabase,
  uniqueName,
} from '@incident/testing';
import { OPENED_AT, openIncident, urgentResponse } from './test-support/review-history';
import { startBuilt } from './test-support/review-processes';

const config = (name: string) => readFileSync(join(__dirname, '../../../config', name), 'utf8');
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const minutesAfterOpening = (minutes: number) => new Date(Date.parse(OPENED_AT) + minutes * 60_000).toISOString();
const system = { actor: { kind: 'integration' as const, id: 'alertmanager' } };

/**
 * Issue 17's story through the built apps: the relay (`apps/relay/dist`) carries what the other services and
 * the responders record to Kafka, the review service (`apps/review/dist`) reacts and serves the review over
 * HTTP. The test plays intake, triage, escalation and remediation by issuing their commands to the store.
 */
describeWithInfrastructure(
  ['postgres', 'kafka'],
  'review end to end: resolved → reviewed → signed off → published → closed',
  () => {
    let database: TestDatabase;
    let store: HashChainedEventStore;
    let commands: IncidentCommandHandler;
    let pool: Pool;
    let smtp: SmtpReceiver;
    let relay: BuiltServiceProcess;
    let review: BuiltServiceProcess;
    const prefix = `${uniqueName('review-e2e')}.`;
    const token = (subject: string, roles: Role[] = ['responder']) =>
      `Bearer ${mintToken({ secret: TEST_JWT_SECRET, issuer: 'incident-platform' }, { subject, roles, expiresIn: '5m' })}`;

    beforeAll(async () => {
      database = await createTestDatabase('review_e2e');
      store = await createEventStore({ databaseUrl: database.url });
      commands = new IncidentCommandHandler(store);
      pool = new Pool({ connectionString: database.url, max: 2 });
      pool.on('error', () => undefined);
      smtp = await SmtpReceiver.start();
      const applied = {
        actor: { kind: 'user' as const, id: 'lead' },
        correlationId: randomUUID(),
        occurredAt: new Date().toISOString(),
      };
      await new DirectoryVersions(store).apply(config('directory.example.yaml'), 'directory.example.yaml', applied);
      await new ReviewPolicyVersions(store).apply(config('review-policy.example.yaml'), 'review-policy.yaml', applied);
      const env = {
        DATABASE_URL: database.url,
        KAFKA_TOPIC_PREFIX: prefix,
        KAFKA_PARTITIONS_INCIDENT_EVENTS: '3',
        AUTH_JWT_SECRET: TEST_JWT_SECRET,
      };
      relay = await startBuilt('relay', env, '/health/live');
      review = await startBuilt('review', {
        ...env,
        NOTIFY_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        NOTIFY_MAIL_FROM: 'reviews@ops.example',
      });
    });
    afterAll(async () => {
      await review?.kill('SIGTERM');
      await relay?.kill('SIGTERM');
      await smtp?.close();
      await pool?.end();
      await database?.drop();
    });

    const http = () => request(`http://127.0.0.1:${review.port}`);
    const execute = (command: IncidentCommand) => commands.execute(command, { ...system, correlationId: randomUUID() });
    const streamOf = (incidentId: string) => store.readStream(incidentStreamId(incidentId));
    const typesOf = async (incidentId: string) => (await streamOf(incidentId)).map((event) => event.type);
    const until = (incidentId: string, type: string) =>
      eventually(`${type} on ${incidentId}`, async () =>
        (await typesOf(incidentId)).includes(type) ? true : undefined,
      );
    const revisionOf = async (incidentId: string) =>
      (
        (await http().get(`/v1/incidents/${incidentId}/review`).set('Authorization', token('alice')).expect(200))
          .body as {
          revision: number;
        }
      ).revision;
    /** One responder's edit on the revision just read, answered with `status`. */
    const edit = async (incidentId: string, path: string, subject: string, body: object, status: number) => {
      const revision = await revisionOf(incidentId);
      return http()
        .post(`/v1/incidents/${incidentId}/review/${path}`)
        .set('Authorization', token(subject))
        .set('If-Match', `"${revision}"`)
        .send(body)
        .expect(status);
    };
    const fiveWhys = {
      whys: [
        'the API stopped answering',
        'its database stopped',
        'the database disk was full',
        'debug logs filled it',
        'nobody was alerted on disk usage',
      ],
      rootCause: 'no alert on the database disk, and debug logging left on',
      fixTerm: 'short_term',
    };
    const item = (title: string, owner: string) => ({ kind: 'preventive', title, owner, dueDate: '2026-12-15' });
    /** Triaged for customer-success (whose technical lead is alice and project manager carol), then resolved. */
    const triagedAndResolved = (incidentId: string, category: 'security.exploit' | 'availability.downtime') =>
      [
        {
          type: 'TriageIncident',
          data: {
            incidentId,
            severity: 'high',
            category,
            owningTeam: 'customer-success',
            ruleId: 'infrastructure',
            reasons: [],
            triagedAt: minutesAfterOpening(1),
          },
        },
        {
          type: 'ResolveIncident',
          data: { incidentId, resolvedBy: 'alice', summary: 'patched', resolvedAt: minutesAfterOpening(30) },
        },
      ] as IncidentCommand[];
    async function reviewedAndSignedOff(incidentId: string): Promise<string[]> {
      await edit(incidentId, 'root-cause', 'alice', fiveWhys, 200);
      const ids: string[] = [];
      for (const [title, owner] of [
        ['alert on disk usage above 80 %', 'bob'],
        ['turn debug logging off by default', 'dave'],
      ] as const) {
        ids.push((await edit(incidentId, 'action-items', 'alice', item(title, owner), 201)).body.actionItemId);
      }
      await edit(incidentId, 'sign-off', 'alice', { role: 'technical_lead' }, 200);
      await edit(incidentId, 'sign-off', 'carol', { role: 'project_manager' }, 200);
      return ids;
    }

    describe('an urgent outage on a service that failed three weeks before', () => {
      const earlier = randomUUID();
      const urgent = randomUUID();
      const summary = 'The database disk filled up with debug logs; nobody was alerted.';
      let published: { renderedSha256: string; renderedHtmlSha256: string };

      beforeAll(async () => {
        await execute(openIncident(earlier, { severity: 'low', openedAt: minutesAfterOpening(-21 * 24 * 60) }));
        // The review service's own index of opened incidents has the earlier one before the outage resolves.
        await eventually('the earlier incident indexed', async () =>
          (await pool.query('SELECT 1 FROM review.opened_incident WHERE incident_id = $1', [earlier]).catch(() => null))
            ?.rowCount
            ? true
            : undefined,
        );
        for (const command of urgentResponse(urgent)) await execute(command);
        await until(urgent, 'ReviewStarted');
      });

      it('requires a review of the resolved incident, opened with the recurrence linked', async () => {
        const events = await streamOf(urgent);
        const types = events.map((event) => event.type);

        expect(types.slice(-3)).toEqual(['IncidentResolved', 'IncidentLinked', 'ReviewStarted']);
        expect(events.at(-2)!.data).toMatchObject({ linkedIncidentId: earlier, relation: 'recurrence_of' });
        const { body } = await http()
          .get(`/v1/incidents/${urgent}/review`)
          .set('Authorization', token('bob'))
          .expect(200);
        expect(body).toMatchObject({ status: 'in_review', requirement: { required: true, ruleId: 'urgent-or-high' } });
        expect(body.document.linkedIncidents).toMatchObject([{ incidentId: earlier, relation: 'recurrence_of' }]);
      });

      it('refuses publication before both sign-offs, naming what is missing, and a sign-off by the wrong person', async () => {
        await edit(urgent, 'root-cause', 'alice', fiveWhys, 200);
        await edit(urgent, 'action-items', 'alice', item('alert on disk usage above 80 %', 'bob'), 201);
        await edit(urgent, 'action-items', 'alice', item('turn debug logging off by default', 'dave'), 201);

        const early = await edit(urgent, 'publish', 'carol', { summary }, 409);
        const wrong = await edit(urgent, 'sign-off', 'bob', { role: 'project_manager' }, 403);
        await edit(urgent, 'sign-off', 'alice', { role: 'technical_lead' }, 200);
        const half = await edit(urgent, 'publish', 'carol', { summary }, 409);

        expect(early.body.message).toContain('lacks the sign-off of technical lead and project manager');
        expect(wrong.body.message).toContain('project manager');
        expect(half.body.message).toContain('lacks the sign-off of project manager');
      });

      it('publishes once the project manager signed off too: Markdown and HTML, each hash recorded', async () => {
        await edit(urgent, 'sign-off', 'carol', { role: 'project_manager' }, 200);

        const answer = await edit(urgent, 'publish', 'carol', { summary }, 200);
        published = answer.body;
        await until(urgent, 'IncidentClosed');

        const publication = (await streamOf(urgent)).find((event) => event.type === 'ReviewPublished')!;
        expect(publication).toMatchObject({
          schemaVersion: 3,
          data: { renderedSha256: published.renderedSha256, renderedHtmlSha256: published.renderedHtmlSha256 },
        });
      });

      it('serves the published documents whose hashes verify: the Markdown with its figures, the page with its chart', async () => {
        const markdown = await http()
          .get(`/v1/incidents/${urgent}/review/published.md`)
          .set('Authorization', token('auditor', ['auditor']))
          .expect(200);
        const page = await http()
          .get(`/v1/incidents/${urgent}/review/published.html`)
          .set('Authorization', token('auditor', ['auditor']))
          .expect(200);

        expect(sha256(markdown.text)).toBe(published.renderedSha256);
        expect(markdown.headers['x-review-sha256']).toBe(published.renderedSha256);
        expect(sha256(page.text)).toBe(published.renderedHtmlSha256);
        expect(page.headers['x-review-sha256']).toBe(published.renderedHtmlSha256);
        expect(markdown.text).toContain('- Time to acknowledge: 12 min\n- Time to resolve: 90 min\n- Time to review:');
        expect(markdown.text).toContain('1. the API stopped answering');
        expect(markdown.text).toContain(`- recurrence_of: ${earlier} (same service acme-api`);
        const chart = page.text.slice(page.text.indexOf('<svg'), page.text.indexOf('</svg>'));
        for (const lane of [
          'Detection',
          'Acknowledgement',
          'Escalation',
          'Containment',
          'Remediation',
          'Customer update',
          'Mitigation',
          'Resolution',
        ]) {
          expect(chart).toContain(`class="lane">${lane}<`);
        }
      });

      it('tells the customer, then closes the incident once, caused by the publication', async () => {
        const events = await streamOf(urgent);
        const publication = events.find((event) => event.type === 'ReviewPublished')!;
        const after = events.slice(events.indexOf(publication) + 1);

        expect(after.map((event) => [event.type, event.metadata.causationId])).toEqual([
          ['CustomerNotified', publication.id],
          ['IncidentClosed', publication.id],
        ]);
        const notices = () =>
          smtp.received.filter((m) => m.headers.get('subject') === 'Post-incident review published: Acme API is down');
        const mail = await eventually('the review notice mailed to Acme', async () =>
          notices().length >= 2 ? notices() : undefined,
        );
        expect(mail.flatMap((m) => m.to).sort()).toEqual(['dana.whitfield@acme.example', 'raj.patel@acme.example']);
      });
    });

    describe('an exploit, whose policy waits for the action items', () => {
      const exploit = randomUUID();
      let itemIds: string[];

      beforeAll(async () => {
        await execute(
          openIncident(exploit, { service: 'acme-shop', category: 'security.exploit', title: 'Shop plugin exploited' }),
        );
        for (const command of triagedAndResolved(exploit, 'security.exploit')) await execute(command);
        await until(exploit, 'ReviewStarted');
        itemIds = await reviewedAndSignedOff(exploit);
        await edit(exploit, 'publish', 'carol', { summary: 'An unpatched plugin was exploited.' }, 200);
        await until(exploit, 'CustomerNotified');
      });

      it('stays in review after publication until the last item is done, then is closed once', async () => {
        await edit(
          exploit,
          `action-items/${itemIds[0]}/complete`,
          'bob',
          {
            evidence: 'https://git.example.com/1',
          },
          200,
        );
        const stillOpen = await http()
          .get(`/v1/incidents/${exploit}/review`)
          .set('Authorization', token('bob'))
          .expect(200);
        expect(stillOpen.body.status).toBe('in_review');

        await edit(
          exploit,
          `action-items/${itemIds[1]}/complete`,
          'dave',
          {
            evidence: 'https://git.example.com/2',
          },
          200,
        );
        await until(exploit, 'IncidentClosed');

        const events = await streamOf(exploit);
        const lastCompletion = events.findLast((event) => event.type === 'ActionItemCompleted')!;
        const closed = events.filter((event) => event.type === 'IncidentClosed');
        expect(closed).toHaveLength(1);
        expect(closed[0]!.metadata.causationId).toBe(lastCompletion.id);
        expect(events.at(-1)!.type).toBe('IncidentClosed');
      });
    });

    describe('a low flap resolved at its source, and a drill', () => {
      const flap = randomUUID();
      const drill = randomUUID();

      beforeAll(async () => {
        await execute(openIncident(flap, { severity: 'low', category: 'defect.bug', service: 'acme-batch' }));
        await execute({
          type: 'ResolveAlertAtSource',
          data: { incidentId: flap, allAlertsResolved: true, resolvedAt: minutesAfterOpening(3) },
        });
        await execute(openIncident(drill, { severity: 'urgent', drill: true, service: 'acme-drill' }));
        for (const command of triagedAndResolved(drill, 'availability.downtime')) await execute(command);
        await until(flap, 'IncidentClosed');
        await until(drill, 'ReviewStarted');
      });

      it('closes the flap without a review', async () => {
        expect(await typesOf(flap)).toEqual([
          'IncidentOpened',
          'AlertResolvedAtSource',
          'IncidentResolved',
          'ReviewWaived',
          'IncidentClosed',
        ]);
      });

      it('gives the drill a drill review, published and closed without a word to the customer', async () => {
        const { body } = await http()
          .get(`/v1/incidents/${drill}/review`)
          .set('Authorization', token('bob'))
          .expect(200);
        expect(body.requirement).toMatchObject({ required: true, ruleId: 'drill', drill: true, notifyCustomer: false });

        await reviewedAndSignedOff(drill);
        await edit(drill, 'publish', 'carol', { summary: 'The drill went as planned.' }, 200);
        await until(drill, 'IncidentClosed');

        const types = await typesOf(drill);
        expect(types.slice(-2)).toEqual(['ReviewPublished', 'IncidentClosed']);
        expect(types).not.toContain('CustomerNotified');
      });
    });
  },
);
