import { createHash } from 'node:crypto';
import { describeWithInfrastructure, eventually } from '@incident/testing';
import { LifecycleClient, PATIENCE, type TimelineEntry } from './support/lifecycle-client';
import { bearer, type LifecycleStack, startLifecycleStack } from './support/lifecycle-stack';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const typesOf = (entries: readonly TimelineEntry[]) => entries.map((entry) => entry.eventType);
/** A month from now: action items are due after the story, so no reminder is sent during it. */
const DUE = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const pageSubject = (title: string, level: number) => `${title} (acme-api, level ${level})`;

interface Figures {
  team: string;
  severity: string;
  drill: boolean;
  incidents: number;
  resolved: number;
  reviewed: number;
}

/**
 * Issue 17's first "Done when", with every service as its own built process (`apps/<app>/dist/main.js`) on one
 * database and one Kafka topic prefix, configured as `npm start` configures a first run (the example directory,
 * triage rules, runbooks and review policy, applied with the built `incidentctl`). Everything happens through the
 * services' public HTTP APIs: alerts to intake with an integration key, people with bearer tokens, e-mail to a
 * real SMTP server. Who is on call comes from the example schedule at the time of the run, so the test reads the
 * responder from the page it received.
 */
describeWithInfrastructure(['postgres', 'kafka'], 'the whole incident lifecycle, every service its own process', () => {
  // A step may wait on several services in turn, each wait as patient as PATIENCE.
  jest.setTimeout(600_000);

  let stack: LifecycleStack;
  let client: LifecycleClient;
  let routingKey: string;

  beforeAll(async () => {
    stack = await startLifecycleStack('lifecycle_e2e');
    client = new LifecycleClient(stack);
    const created = await client
      .http('intake')
      .post('/v1/integrations')
      .set('Authorization', bearer('ops-admin', ['admin']))
      .send({
        name: 'acme-blackbox',
        source: 'blackbox-exporter',
        customerId: 'acme',
        service: 'acme-api',
        defaultCategory: 'availability.downtime',
      })
      .expect(201);
    routingKey = created.body.key;
  }, 600_000);
  afterAll(async () => {
    await stack?.stop();
  });

  /** A PagerDuty Events v2 event from the monitoring, the integration key as its routing key. */
  const alert = (action: 'trigger' | 'resolve', dedupKey: string, payload?: object) =>
    client
      .http('intake')
      .post('/v2/enqueue')
      .send({ routing_key: routingKey, event_action: action, dedup_key: dedupKey, ...(payload && { payload }) })
      .expect(202);
  const respond = (service: 'escalation' | 'remediation', incidentId: string, path: string, person: string) =>
    client.http(service).post(`/v1/incidents/${incidentId}/${path}`).set('Authorization', bearer(person));

  /** 5 Whys and two action items by `responder`; signed off by the team's technical lead and project manager. */
  async function reviewedAndSignedOff(incidentId: string, responder: string, techLead: string): Promise<void> {
    await client.editReview(incidentId, 'root-cause', responder, {
      whys: [
        'the API stopped answering',
        'its database connections were exhausted',
        'a batch job opened a connection per row',
        'the job was never load tested',
        'load tests are not part of the release checklist',
      ],
      rootCause: 'a connection-per-row batch job, released without a load test',
      fixTerm: 'short_term',
    });
    for (const [title, owner] of [
      ['pool the batch job’s connections', 'bob'],
      ['add a load test to the release checklist', 'carol'],
    ]) {
      const item = { kind: 'preventive', title, owner, dueDate: DUE };
      await client.editReview(incidentId, 'action-items', responder, item, 201);
    }
    await client.editReview(incidentId, 'sign-off', techLead, { role: 'technical_lead' });
    await client.editReview(incidentId, 'sign-off', 'carol', { role: 'project_manager' });
  }

  describe('an urgent outage reported by the monitoring', () => {
    const title = 'Acme API is down: health checks failing';
    let incidentId: string;
    let responder: string;
    let published: { renderedSha256: string; renderedHtmlSha256: string };

    it('is opened by intake and classified by triage as the rules say', async () => {
      const payload = { summary: title, source: 'blackbox.acme.example', severity: 'critical', component: 'acme-api' };
      await alert('trigger', 'acme-api/health', { ...payload, class: 'availability.downtime' });
      incidentId = (await client.incidentTitled(title)).incidentId;

      const triaged = await client.until('triaged', incidentId, (row) => row.triagedAt !== null);
      expect(triaged).toMatchObject({ severity: 'urgent', team: 'customer-success', drill: false });
    });

    it('pages the on-call responder by e-mail; the runbook’s restart fails and remediation asks the team for help', async () => {
      const page = await client.mail('the page', (mails) =>
        mails.find((mail) => mail.headers.get('subject') === pageSubject(title, 1)),
      );
      responder = page.to[0]!.split('@')[0]!;
      // The example runbook restarts with /usr/local/bin/ops-restart, a program no test machine has: it fails,
      // is retried once, and remediation escalates to the policy's next level, the whole team.
      const helpPages = await client.mail('the pages to the team', (mails) => {
        const found = mails.filter((mail) => mail.headers.get('subject') === pageSubject(title, 2));
        return found.length === 3 ? found : undefined;
      });
      const entries = await client.timelineOnce('escalated', incidentId, (found) =>
        found.some((entry) => entry.eventType === 'IncidentEscalated'),
      );

      expect(['alice', 'bob', 'carol']).toContain(responder);
      expect(helpPages.flatMap((mail) => mail.to).sort()).toEqual([
        'alice@ops.example',
        'bob@ops.example',
        'carol@ops.example',
      ]);
      expect(typesOf(entries).filter((type) => type === 'RemediationFailed')).toHaveLength(2);
      expect(entries.find((entry) => entry.eventType === 'IncidentEscalated')?.actor.id).toBe('remediation');
    });

    it('is acknowledged by the responder, who keeps the customer’s availability subscribers informed', async () => {
      const acknowledged = await respond('escalation', incidentId, 'acknowledge', responder).expect(200);
      const message = 'The Acme API is down; we are restarting its instances by hand.';
      await respond('remediation', incidentId, 'status-updates', responder)
        .send({ audience: 'customer', message })
        .expect(200);

      const update = await client.mail('the status update to ops@acme.example', (mails) =>
        mails.find((mail) => mail.to.includes('ops@acme.example') && mail.raw.includes('by hand')),
      );
      expect(acknowledged.body.events).toContain('IncidentAcknowledged');
      expect(update.headers.get('subject')).toBe(`Update: acme-api: ${title}`);
    });

    it('once resolved by the responder, has its review required and started by the review service', async () => {
      await respond('remediation', incidentId, 'resolve', responder)
        .send({ summary: 'Restarted the API with a bounded connection pool.' })
        .expect(200);

      const review = await client.reviewStarted(incidentId);
      expect(review.requirement).toMatchObject({ required: true, ruleId: 'urgent-or-high' });
    });

    it('is published once reviewed and signed off, and both documents hash to what the publication recorded', async () => {
      await reviewedAndSignedOff(incidentId, responder, 'alice');
      const summary = 'A batch job exhausted the database connections; the API went down.';
      const answer = await client.editReview(incidentId, 'publish', 'carol', { summary });
      published = { renderedSha256: answer.body.renderedSha256, renderedHtmlSha256: answer.body.renderedHtmlSha256 };

      const document = (format: 'md' | 'html') =>
        client
          .http('review')
          .get(`/v1/incidents/${incidentId}/review/published.${format}`)
          .set('Authorization', bearer('auditor', ['auditor']))
          .expect(200);
      const markdown = await document('md');
      const page = await document('html');
      expect(sha256(markdown.text)).toBe(published.renderedSha256);
      expect(sha256(page.text)).toBe(published.renderedHtmlSha256);
      expect(markdown.headers['x-review-sha256']).toBe(published.renderedSha256);
      expect(page.headers['x-review-sha256']).toBe(published.renderedHtmlSha256);
      expect(markdown.text).toContain('1. the API stopped answering');
      expect(markdown.text).toMatch(/level 1 → 2 .*downtime-restart\.restart failed/);
      expect(markdown.text).toMatch(new RegExp(`\\| acknowledgement \\| ${responder} \\|\n`));
      // The chart has a lane for each kind of step the services recorded, in the order a response runs.
      const chart = page.text.slice(page.text.indexOf('<svg'), page.text.indexOf('</svg>'));
      expect([...chart.matchAll(/class="lane">([^<]+)</g)].map((lane) => lane[1])).toEqual([
        'Detection',
        'Triage',
        'Acknowledgement',
        'Escalation',
        'Remediation',
        'Customer update',
        'Resolution',
      ]);
    });

    it('is closed, its customer told, and its history holds every step in order', async () => {
      const closed = await client.until('closed', incidentId, (row) => row.status === 'closed');
      const entries = await client.closedTimeline(incidentId);
      const types = typesOf(entries);
      const verified = await client
        .http('query')
        .get(`/v1/incidents/${incidentId}/verify`)
        .set('Authorization', bearer('auditor', ['auditor']))
        .expect(200);
      const review = await client.mail('the review notice', (mails) => {
        const found = mails.filter(
          (mail) => mail.headers.get('subject') === `Post-incident review published: ${title}`,
        );
        return found.length === 2 ? found : undefined;
      });

      expect(closed.status).toBe('closed');
      const milestones = [
        'IncidentOpened',
        'IncidentTriaged',
        'RemediationFailed',
        'IncidentEscalated',
        'IncidentAcknowledged',
        'StatusUpdatePosted',
        'IncidentResolved',
        'ReviewStarted',
        'RootCauseRecorded',
        'ActionItemAdded',
        'ReviewSignedOff',
        'ReviewPublished',
        'CustomerNotified',
        'IncidentClosed',
      ];
      // Each milestone's first occurrence, in order; then how many of the repeated ones there are.
      expect(milestones.map((type) => types.indexOf(type))).toEqual(
        milestones.map((type) => types.indexOf(type)).sort((a, b) => a - b),
      );
      expect(milestones.filter((type) => !types.includes(type))).toEqual([]);
      // Paged once at level 1 and once per team member at level 2, each page delivered once.
      expect(types.filter((type) => type === 'PageDelivered')).toHaveLength(4);
      expect(types.filter((type) => type === 'ActionItemAdded')).toHaveLength(2);
      expect(types.filter((type) => type === 'ReviewSignedOff')).toHaveLength(2);
      expect(entries.find((entry) => entry.eventType === 'ReviewPublished')?.details).toMatchObject(published);
      // Five services and the people appended to this stream: its hash chain holds from the first to the last.
      expect(verified.body).toMatchObject({ ok: true, events: entries.length });
      expect(review.flatMap((mail) => mail.to).sort()).toEqual([
        'dana.whitfield@acme.example',
        'raj.patel@acme.example',
      ]);
    });
  });

  describe('a low-severity flap resolved at its source', () => {
    const title = 'Acme API latency above 2 s';

    it('closes without a review', async () => {
      await alert('trigger', 'acme-api/latency', { summary: title, source: 'blackbox.acme.example', severity: 'info' });
      const { incidentId } = await client.incidentTitled(title);
      const triaged = await client.until('triaged', incidentId, (row) => row.triagedAt !== null);
      await alert('resolve', 'acme-api/latency');

      const closed = await client.until('closed', incidentId, (row) => row.status === 'closed');
      const types = typesOf(await client.closedTimeline(incidentId));
      expect(triaged.severity).toBe('low');
      expect(closed.status).toBe('closed');
      // A page sent just before may have its delivery recorded after the resolution: the transitions are what count.
      const transitions = [
        'AlertResolvedAtSource',
        'IncidentResolved',
        'ReviewStarted',
        'ReviewWaived',
        'IncidentClosed',
      ];
      expect(types.filter((type) => transitions.includes(type))).toEqual([
        'AlertResolvedAtSource',
        'IncidentResolved',
        'ReviewWaived',
        'IncidentClosed',
      ]);
    });
  });

  describe('a drill', () => {
    let incidentId: string;

    it('gets a drill review of its own, published and closed without a word to the customer', async () => {
      const started = await client
        .http('triage')
        .post('/v1/drills')
        .set('Authorization', bearer('carol'))
        .send({ scenario: 'database-outage' })
        .expect(201);
      incidentId = started.body.incidentId;
      const triaged = await client.until('triaged', incidentId, (row) => row.triagedAt !== null);
      await respond('escalation', incidentId, 'acknowledge', 'grace').expect(200);
      await respond('remediation', incidentId, 'resolve', 'grace')
        .send({ summary: 'Drill: the replica was promoted.' })
        .expect(200);
      const review = await client.reviewStarted(incidentId);
      await reviewedAndSignedOff(incidentId, 'grace', 'grace');
      await client.editReview(incidentId, 'publish', 'carol', { summary: 'The drill went as planned.' });

      const types = typesOf(await client.closedTimeline(incidentId));
      expect(triaged).toMatchObject({ drill: true, team: 'database', severity: 'urgent' });
      expect(review.requirement).toMatchObject({ required: true, ruleId: 'drill', drill: true });
      const ending = ['ReviewStarted', 'ReviewPublished', 'CustomerNotified', 'IncidentClosed'];
      expect(types.filter((type) => ending.includes(type))).toEqual([
        'ReviewStarted',
        'ReviewPublished',
        'IncidentClosed',
      ]);
    });

    it('is left out of the response figures, which count it among the drills only', async () => {
      const figures = async (query: string) => {
        const { body } = await client
          .http('query')
          .get(`/v1/metrics/figures${query}`)
          .set('Authorization', bearer('viewer'))
          .expect(200);
        // Sorted here: a story crossing midnight (UTC) would put its incidents in two periods.
        const rows = (body.figures as Figures[]).sort((a, b) => a.severity.localeCompare(b.severity));
        return rows.map(({ team, severity, drill, incidents, resolved, reviewed }) => ({
          team,
          severity,
          drill,
          incidents,
          resolved,
          reviewed,
        }));
      };
      const drills = await eventually(
        'the drill reviewed, in the drills’ figures',
        async () => {
          const found = await figures('?drills=only');
          return found.some((row) => row.reviewed === 1) ? found : undefined;
        },
        PATIENCE,
      );
      // The figures are projected in the store's order: the drill's publication there means the story's all is.
      const real = await figures('');

      expect(drills).toEqual([
        { team: 'database', severity: 'urgent', drill: true, incidents: 1, resolved: 1, reviewed: 1 },
      ]);
      // The outage and the flap, once each; the drill nowhere.
      expect(real).toEqual([
        { team: 'customer-success', severity: 'low', drill: false, incidents: 1, resolved: 1, reviewed: 0 },
        { team: 'customer-success', severity: 'urgent', drill: false, incidents: 1, resolved: 1, reviewed: 1 },
      ]);
    });
  });
});
