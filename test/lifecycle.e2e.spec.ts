import { createHash } from 'node:crypto';
import request from 'supertest';
import { describeWithInfrastructure, eventually } from '@incident/testing';
import { bearer, type LifecycleService, type LifecycleStack, startLifecycleStack } from './support/lifecycle-stack';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
/** The machine runs seven services beside PostgreSQL, Kafka and other suites: waits are generous, never timed. */
const PATIENCE = { timeoutMs: 180_000, intervalMs: 500 };

interface Figures {
  team: string;
  severity: string;
  drill: boolean;
  incidents: number;
  resolved: number;
  reviewed: number;
}

interface IncidentRow {
  incidentId: string;
  status: string;
  severity: string | null;
  team: string | null;
  drill: boolean;
  title: string;
  triagedAt: string | null;
}

/**
 * Issue 17's first "Done when", with every service as its own built process (`apps/<app>/dist/main.js`) on one
 * database and one Kafka topic prefix, configured as `npm start` configures a first run (the example directory,
 * triage rules, runbooks and review policy, applied with `incidentctl`). Everything happens through the services'
 * public HTTP APIs: alerts to intake with an integration key, people with bearer tokens.
 */
describeWithInfrastructure(['postgres', 'kafka'], 'the whole incident lifecycle, every service its own process', () => {
  let stack: LifecycleStack;
  let routingKey: string;
  const http = (service: LifecycleService) => request(stack.url(service));

  beforeAll(async () => {
    stack = await startLifecycleStack('lifecycle_e2e');
    const created = await http('intake')
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

  const alert = (action: 'trigger' | 'resolve', dedupKey: string, payload?: object) =>
    http('intake')
      .post('/v2/enqueue')
      .send({ routing_key: routingKey, event_action: action, dedup_key: dedupKey, ...(payload && { payload }) })
      .expect(202);
  const incident = async (incidentId: string): Promise<IncidentRow | undefined> => {
    const response = await http('query').get(`/v1/incidents/${incidentId}`).set('Authorization', bearer('viewer'));
    return response.status === 200 ? (response.body as IncidentRow) : undefined;
  };
  const incidentTitled = (title: string) =>
    eventually(
      `the incident "${title}" in the query API`,
      async () => {
        const { body } = await http('query').get('/v1/incidents').set('Authorization', bearer('viewer')).expect(200);
        return (body.items as IncidentRow[]).find((row) => row.title === title);
      },
      PATIENCE,
    );
  const until = (what: string, incidentId: string, holds: (row: IncidentRow) => boolean) =>
    eventually(`${incidentId} ${what}`, async () => {
      const row = await incident(incidentId);
      return row && holds(row) ? row : undefined;
    }, PATIENCE);
  const timeline = async (incidentId: string): Promise<string[]> => {
    const { body } = await http('query')
      .get(`/v1/incidents/${incidentId}/timeline`)
      .set('Authorization', bearer('auditor', ['auditor']))
      .expect(200);
    return (body.entries as { eventType: string }[]).map((entry) => entry.eventType);
  };
  const reviewOf = async (incidentId: string) =>
    (await http('review').get(`/v1/incidents/${incidentId}/review`).set('Authorization', bearer('viewer')))
      .body as {
      status: string;
      revision: number;
      requirement: { required: boolean; ruleId: string; drill?: boolean };
    };
  const reviewStarted = (incidentId: string) =>
    eventually(`the review of ${incidentId} started`, async () => {
      const review = await reviewOf(incidentId);
      return review.status === 'in_review' ? review : undefined;
    }, PATIENCE);
  /** One edit of the review at the revision just read, by `person`, answered with `status`. */
  const edit = async (incidentId: string, path: string, person: string, body: object, status = 200) =>
    http('review')
      .post(`/v1/incidents/${incidentId}/review/${path}`)
      .set('Authorization', bearer(person))
      .set('If-Match', `"${(await reviewOf(incidentId)).revision}"`)
      .send(body)
      .expect(status);
  /** The review written by the responder and signed off by customer-success's technical lead and project manager. */
  async function reviewedAndSignedOff(incidentId: string, responder: string): Promise<void> {
    await edit(incidentId, 'root-cause', responder, {
      whys: [
        'the API stopped answering',
        'its database connections were exhausted',
        'a batch job opened a connection per row',
        'the job was never load tested',
        'load tests are not part of the release checklist',
      ],
      rootCause: 'connection-per-row batch job, released without a load test',
      fixTerm: 'short_term',
    });
    for (const [title, owner] of [
      ['pool the batch job’s connections', 'bob'],
      ['add a load test to the release checklist', 'carol'],
    ]) {
      await edit(incidentId, 'action-items', responder, { kind: 'preventive', title, owner, dueDate: '2027-01-15' }, 201);
    }
    await edit(incidentId, 'sign-off', 'alice', { role: 'technical_lead' });
    await edit(incidentId, 'sign-off', 'carol', { role: 'project_manager' });
  }

  describe('an urgent outage reported by the monitoring', () => {
    const title = 'Acme API is down: health checks failing';
    let incidentId: string;
    let responder: string;
    let published: { renderedSha256: string; renderedHtmlSha256: string };

    it('is opened by intake and classified by triage as the rules say', async () => {
      await alert('trigger', 'acme-api/health', {
        summary: title,
        source: 'blackbox.acme.example',
        severity: 'critical',
        component: 'acme-api',
        class: 'availability.downtime',
      });
      incidentId = (await incidentTitled(title)).incidentId;

      const triaged = await until('triaged', incidentId, (row) => row.triagedAt !== null);
      expect(triaged).toMatchObject({ severity: 'urgent', team: 'customer-success', drill: false });
    });

    it('pages the on-call responder by e-mail, who acknowledges over HTTP', async () => {
      const page = await eventually(
        'the page e-mail',
        async () => stack.smtp.received.find((mail) => mail.headers.get('subject') === `${title} (acme-api, level 1)`),
        PATIENCE,
      );
      responder = page.to[0]!.split('@')[0]!;
      expect(['alice', 'bob', 'carol']).toContain(responder);

      const answer = await http('escalation')
        .post(`/v1/incidents/${incidentId}/acknowledge`)
        .set('Authorization', bearer(responder))
        .expect(200);
      expect(answer.body.events).toContain('IncidentAcknowledged');
    });

    it('tells the customer’s availability subscribers by e-mail when the responder posts a status update', async () => {
      const message = 'The Acme API is down; we are restarting its instances.';
      await http('remediation')
        .post(`/v1/incidents/${incidentId}/status-updates`)
        .set('Authorization', bearer(responder))
        .send({ audience: 'customer', message })
        .expect(200);

      const mail = await eventually(
        'the status update mailed to ops@acme.example',
        async () => stack.smtp.received.find((m) => m.to.includes('ops@acme.example') && m.raw.includes('restarting')),
        PATIENCE,
      );
      expect(mail.raw).toContain('Acme API is down');
    });

    it('once resolved by the responder, has its review required and started by the review service', async () => {
      await http('remediation')
        .post(`/v1/incidents/${incidentId}/resolve`)
        .set('Authorization', bearer(responder))
        .send({ summary: 'Restarted the API with a bounded connection pool.' })
        .expect(200);

      const review = await reviewStarted(incidentId);
      expect(review.requirement).toMatchObject({ required: true, ruleId: 'urgent-or-high' });
    });

    it('is published once reviewed and signed off, and both documents hash to what the publication recorded', async () => {
      await reviewedAndSignedOff(incidentId, responder);
      const summary = 'A batch job exhausted the database connections; the API went down.';
      published = (await edit(incidentId, 'publish', 'carol', { summary })).body;

      const document = (format: 'md' | 'html') =>
        http('review')
          .get(`/v1/incidents/${incidentId}/review/published.${format}`)
          .set('Authorization', bearer('auditor', ['auditor']))
          .expect(200);
      const markdown = await document('md');
      const page = await document('html');
      expect(sha256(markdown.text)).toBe(published.renderedSha256);
      expect(sha256(page.text)).toBe(published.renderedHtmlSha256);
      expect(page.headers['x-review-sha256']).toBe(published.renderedHtmlSha256);
      expect(markdown.text).toContain('1. the API stopped answering');
      expect(page.text).toMatch(/<svg[^]*class="lane">Acknowledgement<[^]*<\/svg>/);
    });

    it('is closed, and its history holds every step in order', async () => {
      const closed = await until('closed', incidentId, (row) => row.status === 'closed');
      expect(closed.status).toBe('closed');

      const milestones = [
        'IncidentOpened',
        'IncidentTriaged',
        'IncidentAcknowledged',
        'IncidentResolved',
        'ReviewStarted',
        'ReviewPublished',
        'CustomerNotified',
        'IncidentClosed',
      ];
      const types = await eventually('the closing in the timeline', async () => {
        const found = await timeline(incidentId);
        return found.at(-1) === 'IncidentClosed' ? found : undefined;
      }, PATIENCE);
      expect(types.filter((type) => milestones.includes(type) && type !== 'CustomerNotified')).toEqual(
        milestones.filter((type) => type !== 'CustomerNotified'),
      );
      expect(types.filter((type) => type === 'ReviewSignedOff')).toHaveLength(2);
      expect(types.filter((type) => type === 'ActionItemAdded')).toHaveLength(2);
    });
  });

  describe('a low-severity flap resolved at its source', () => {
    const title = 'Acme API latency above 2 s';

    it('closes without a review', async () => {
      await alert('trigger', 'acme-api/latency', {
        summary: title,
        source: 'blackbox.acme.example',
        severity: 'info',
        component: 'acme-api',
      });
      const { incidentId } = await incidentTitled(title);
      const triaged = await until('triaged', incidentId, (row) => row.triagedAt !== null);
      await alert('resolve', 'acme-api/latency');

      const closed = await until('closed', incidentId, (row) => row.status === 'closed');
      const types = await timeline(incidentId);
      expect(triaged.severity).toBe('low');
      expect(closed.status).toBe('closed');
      expect(types).toEqual(expect.arrayContaining(['AlertResolvedAtSource', 'IncidentResolved', 'ReviewWaived']));
      expect(types).not.toContain('ReviewStarted');
      expect(types.at(-1)).toBe('IncidentClosed');
    });
  });

  describe('a drill', () => {
    let incidentId: string;

    it('gets a drill review of its own', async () => {
      const started = await http('triage')
        .post('/v1/drills')
        .set('Authorization', bearer('carol'))
        .send({ scenario: 'database-outage' })
        .expect(201);
      incidentId = started.body.incidentId;
      const triaged = await until('triaged', incidentId, (row) => row.triagedAt !== null);
      await http('escalation')
        .post(`/v1/incidents/${incidentId}/acknowledge`)
        .set('Authorization', bearer('grace'))
        .expect(200);
      await http('remediation')
        .post(`/v1/incidents/${incidentId}/resolve`)
        .set('Authorization', bearer('grace'))
        .send({ summary: 'Drill: the replica was promoted.' })
        .expect(200);

      const review = await reviewStarted(incidentId);
      expect(triaged).toMatchObject({ drill: true, team: 'database' });
      expect(review.requirement).toMatchObject({ required: true, ruleId: 'drill', drill: true });
    });

    it('is left out of the response figures, which count it only among the drills', async () => {
      const figures = (drills?: 'only') =>
        http('query')
          .get(`/v1/metrics/figures${drills ? '?drills=only' : ''}`)
          .set('Authorization', bearer('viewer'))
          .expect(200)
          .then((response) => response.body.figures as Figures[]);
      const drillFigures = await eventually('the drill’s figures', async () => {
        const rows = await figures('only');
        return rows.some((row) => row.team === 'database' && row.resolved === 1) ? rows : undefined;
      }, PATIENCE);
      const real = await figures();

      const counts = ({ team, severity, drill, incidents, resolved, reviewed }: Figures) =>
        ({ team, severity, drill, incidents, resolved, reviewed });
      expect(drillFigures.map(counts)).toEqual([
        { team: 'database', severity: 'urgent', drill: true, incidents: 1, resolved: 1, reviewed: 0 },
      ]);
      // The outage and the flap, each once; the drill nowhere.
      expect(real.map(counts)).toEqual([
        { team: 'customer-success', severity: 'low', drill: false, incidents: 1, resolved: 1, reviewed: 0 },
        { team: 'customer-success', severity: 'urgent', drill: false, incidents: 1, resolved: 1, reviewed: 1 },
      ]);
    });
  });
});
