import { randomUUID } from 'node:crypto';
import { describeWithInfrastructure } from '@incident/testing';
import { ActionItem } from './action-item/action-item.entity';
import { IncidentSummary } from './incident-summary/incident-summary.entity';
import { IncidentTimelineEntry } from './incident-timeline/incident-timeline.entity';
import { OncallPage } from './oncall-page/oncall-page.entity';
import { eventLogHead } from './projection/event-log-head';
import { ProjectionRunner } from './projection/projection-runner';
import { PROJECTIONS } from './projections';
import { responseMetrics } from './response-metrics/response-metrics.queries';
import { SlaStatus } from './sla-status/sla-status.entity';
import { readModelFixture, type ReadModelFixture } from './testing-support/read-model-fixture';
import { at, scriptedLifecycle } from './testing-support/scripted-lifecycle';
import { catchUpCompletely } from './testing-support/wait-until-caught-up';

describeWithInfrastructure(['postgres'], 'projections after a lifecycle from open to closed', () => {
  let fixture: ReadModelFixture;
  const incidentId = randomUUID();

  beforeAll(async () => {
    fixture = await readModelFixture('projections');
    await scriptedLifecycle(fixture.store, incidentId);
    // Small batches, so the lifecycle spans several transactions and checkpoints.
    await catchUpCompletely(new ProjectionRunner(fixture.dataSource, fixture.store, PROJECTIONS, 4), fixture.store);
  });

  afterAll(() => fixture?.close());

  it('the summary row holds where the incident ended up and when each step happened', async () => {
    const row = await fixture.dataSource.getRepository(IncidentSummary).findOneByOrFail({ incidentId });
    expect(row).toMatchObject({
      status: 'closed',
      severity: 'urgent',
      category: 'availability.downtime',
      team: 'infrastructure',
      customerId: 'acme',
      service: 'checkout-api',
      title: 'Checkout API is down',
      alertCount: 2,
      pageCount: 2,
      escalationLevel: 2,
      assignee: 'bob',
      drill: false,
      slaBreached: true,
      loggedMinutes: 75,
      lastRevision: 18,
    });
    expect(row.openedAt.toISOString()).toBe(at(0));
    expect(row.acknowledgedAt?.toISOString()).toBe(at(5));
    expect(row.mitigatedAt?.toISOString()).toBe(at(25));
    expect(row.resolvedAt?.toISOString()).toBe(at(40));
    expect(row.closedAt?.toISOString()).toBe(at(90));
  });

  it('the timeline has one sentence per event, in order, with who caused it', async () => {
    const rows = await fixture.dataSource
      .getRepository(IncidentTimelineEntry)
      .find({ where: { incidentId }, order: { streamRevision: 'ASC' } });
    expect(rows.map((row) => row.streamRevision)).toEqual([...Array(19).keys()]);
    expect(rows.map((row) => row.summary)).toEqual([
      'Opened from alertmanager: "Checkout API is down" (customer acme, service checkout-api)',
      'Grouped alert alert-2 into the incident (2 alerts)',
      'Triaged as urgent availability downtime for team infrastructure (rule rule-availability)',
      'Paged bob by sms (level 1)',
      'Acknowledged by bob',
      'Escalated from level 1 to 2, help asked for by bob',
      'Paged carol by phone (level 2)',
      'Containment con-1 (redirect traffic) applied by bob: traffic moved to eu-central-1',
      'Status update to the customer by bob: We are on it',
      'Mitigation SLA breached (target 15 min)',
      'bob logged 75 min of corrective work (75 min in all)',
      'Pre-approved time of acme exceeded: 75 of 60 min used',
      'Mitigated by bob: traffic redirected',
      'Resolved by bob: pods restarted',
      'Post-incident review started by carol',
      'Root cause recorded by carol (5 whys): no limit on the session cache',
      'Action item ai-1 (preventive) for dave, due 2026-12-15: alert on cache size',
      'Review published by carol: memory exhaustion',
      'Closed by carol',
    ]);
    // The opening as the services' store reads it back: a wrong schema version would lose customer and alert id.
    expect(rows[0]?.details).toMatchObject({ customerId: 'acme', drill: false, alertId: 'alert-1' });
    expect(rows[4]).toMatchObject({ eventType: 'IncidentAcknowledged', actorKind: 'user', actorId: 'alice' });
    expect(rows[4]?.occurredAt.toISOString()).toBe(at(5));
    expect(rows[4]?.details).toEqual({ incidentId, responderId: 'bob', acknowledgedAt: at(5) });
  });

  it('the SLA clocks show acknowledgement met, mitigation breached then achieved, resolution met', async () => {
    const rows = await fixture.dataSource
      .getRepository(SlaStatus)
      .find({ where: { incidentId }, order: { sla: 'ASC' } });
    expect(rows.map(({ sla, state, targetMinutes }) => ({ sla, state, targetMinutes }))).toEqual([
      { sla: 'acknowledgement', state: 'met', targetMinutes: null },
      { sla: 'customer_update', state: 'stopped', targetMinutes: null },
      { sla: 'mitigation', state: 'breached', targetMinutes: 15 },
      { sla: 'resolution', state: 'met', targetMinutes: null },
    ]);
    expect(rows[2]?.breachedAt?.toISOString()).toBe(at(20));
    expect(rows[2]?.achievedAt?.toISOString()).toBe(at(25));
    expect(rows.every((row) => row.team === 'infrastructure' && row.severity === 'urgent')).toBe(true);
  });

  it('pages record who answered, and a page nobody answered stands down at resolution', async () => {
    const pages = await fixture.dataSource
      .getRepository(OncallPage)
      .find({ where: { incidentId }, order: { pageId: 'ASC' } });
    expect(
      pages.map(({ pageId, responderId, outcome, answeredBy }) => ({ pageId, responderId, outcome, answeredBy })),
    ).toEqual([
      { pageId: 'page-1', responderId: 'bob', outcome: 'acknowledged', answeredBy: 'bob' },
      { pageId: 'page-2', responderId: 'carol', outcome: 'stood_down', answeredBy: null },
    ]);
    expect(pages[1]?.endedAt?.toISOString()).toBe(at(40));
  });

  it('the action item is open with its owner and due day', async () => {
    const items = await fixture.dataSource.getRepository(ActionItem).findBy({ incidentId });
    expect(items).toEqual([
      expect.objectContaining({ actionItemId: 'ai-1', owner: 'dave', dueDate: '2026-12-15', status: 'open' }),
    ]);
  });

  it("the day's figures count the incident: 5 min to acknowledge, 40 to resolve, one SLA breached", async () => {
    const figures = await responseMetrics(fixture.dataSource, { from: '2026-11-20', to: '2026-11-20', period: 'day' });
    expect(figures).toEqual([
      {
        periodStart: '2026-11-20',
        team: 'infrastructure',
        severity: 'urgent',
        incidents: 1,
        acknowledged: 1,
        mttaSeconds: 300,
        mttaSecondsMax: 300,
        resolved: 1,
        mttrSeconds: 2400,
        mttrSecondsMax: 2400,
        breachedIncidents: 1,
        acknowledgementBreaches: 0,
        mitigationBreaches: 1,
        resolutionBreaches: 0,
        slaCompliance: 0,
      },
    ]);
  });

  it('every projection has read the whole log: nothing behind', async () => {
    const head = eventLogHead(fixture.store);
    const rows: { name: string; checkpoint: string | null }[] = await fixture.dataSource.query(
      'SELECT name, checkpoint FROM read_models.projection_checkpoint ORDER BY name',
    );
    expect(rows.map((row) => row.name)).toEqual(PROJECTIONS.map((projection) => projection.name).sort());
    for (const row of rows) expect(await head.eventsAfter(row.checkpoint)).toBe(0);
  });
});
