import { describeWithInfrastructure } from '@incident/testing';
import { CustomerHours } from './customer-hours/customer-hours.entity';
import { IncidentSummary } from './incident-summary/incident-summary.entity';
import { eventLogHead } from './projection/event-log-head';
import { ProjectionRunner } from './projection/projection-runner';
import { rebuildProjections } from './projection/rebuild';
import { snapshotTables } from './projection/snapshot-tables';
import { PROJECTIONS } from './projections';
import { readModelFixture, type ReadModelFixture } from './testing-support/read-model-fixture';
import { readSideStory, type ReadSideStory } from './testing-support/read-side-story';
import { at } from './testing-support/scripted-lifecycle';
import { catchUpCompletely } from './testing-support/wait-until-caught-up';
import { TriageDecision } from './triage-decisions/triage-decision.entity';

describeWithInfrastructure(['postgres'], 'the read side of issue 13', () => {
  let fixture: ReadModelFixture;
  let story: ReadSideStory;
  let followed: Record<string, string[]>;
  const summary = (incidentId: string) =>
    fixture.dataSource.getRepository(IncidentSummary).findOneByOrFail({ incidentId });

  beforeAll(async () => {
    fixture = await readModelFixture('read_side');
    story = await readSideStory(fixture.store);
    // Small batches: the directory version and the events around it fall into different transactions.
    await catchUpCompletely(new ProjectionRunner(fixture.dataSource, fixture.store, PROJECTIONS, 3), fixture.store);
    followed = await snapshotTables(fixture.dataSource, PROJECTIONS);
  });

  afterAll(() => fixture?.close());

  it('the assignee is the responder, or the team it was handed to, with when they got it', async () => {
    expect(await summary(story.acme)).toMatchObject({
      assignee: 'bob',
      assigneeKind: 'person',
      assignedAt: new Date(at(8)),
    });
    expect(await summary(story.handedOver)).toMatchObject({
      status: 'resolved',
      assignee: 'database',
      assigneeKind: 'team',
      assignedAt: new Date(at(23)),
      team: 'database',
      acknowledgedAt: null,
      reviewRequired: false,
    });
  });

  it('the next customer update follows the directory in force at the notification (none before there was one)', async () => {
    expect(await summary(story.acme)).toMatchObject({
      lastCustomerUpdateAt: new Date(at(10)),
      // high when told (60 min in the example), reclassified urgent later: the cadence is the one told under.
      nextCustomerUpdateDue: new Date(at(70)),
    });
    expect(await summary(story.early)).toMatchObject({
      lastCustomerUpdateAt: new Date(at(-5)),
      nextCustomerUpdateDue: null,
    });
  });

  it('disposition, reason, links and triage provenance', async () => {
    expect(await summary(story.returned)).toMatchObject({
      status: 'returned_to_customer',
      severity: 'low',
      disposition: 'returned_to_customer',
      dispositionReason: 'no application support',
      links: [{ incidentId: story.acme, relation: 'duplicate_of' }],
      ruleId: 'rule-c',
      ruleSetVersion: null,
    });
    expect(await summary(story.acme)).toMatchObject({ ruleId: 'rule-a2', team: 'customer-success', disposition: null });
  });

  it('one triage decision per classification, with the rule and who decided', async () => {
    const rows = await fixture.dataSource
      .getRepository(TriageDecision)
      .find({ where: { incidentId: story.acme }, order: { streamRevision: 'ASC' } });
    expect(
      rows.map(({ decision, ruleId, decidedBy, decidedByKind, severity, team, reasons }) => ({
        decision,
        ruleId,
        decidedBy,
        decidedByKind,
        severity,
        team,
        reasons,
      })),
    ).toEqual([
      {
        decision: 'triaged',
        ruleId: 'rule-a',
        decidedBy: 'triage',
        decidedByKind: 'system',
        severity: 'high',
        team: 'app-support',
        reasons: [],
      },
      {
        decision: 'reclassified',
        ruleId: 'rule-a2',
        decidedBy: 'triage',
        decidedByKind: 'system',
        severity: 'urgent',
        team: 'customer-success',
        reasons: [],
      },
    ]);
    expect(rows[1]?.decidedAt.toISOString()).toBe(at(12));
  });

  it("acme's November: the directory's 10 hours, used by kind across both incidents, 10 minutes over", async () => {
    const rows = await fixture.dataSource.getRepository(CustomerHours).find({ order: { customerId: 'ASC' } });
    expect(rows).toEqual([
      {
        customerId: 'acme',
        period: '2026-11',
        budgetMinutes: 600,
        usedMinutes: 610,
        correctiveMinutes: 30,
        preventiveMinutes: 0,
        investigationMinutes: 580,
        overrunMinutes: 10,
        exceededAt: new Date(at(24)),
        entries: 2,
        lastLoggedAt: new Date(at(24)),
      },
    ]);
  });

  it('a rebuild from zero, with the directory version long applied, produces the same rows', async () => {
    await rebuildProjections(fixture.dataSource, fixture.store, PROJECTIONS, {
      head: eventLogHead(fixture.store),
      batchSize: 5,
    });
    const rebuilt = await snapshotTables(fixture.dataSource, PROJECTIONS);
    expect(rebuilt['triage_decisions']).toHaveLength(5);
    expect(rebuilt['customer_hours']).toHaveLength(1);
    expect(rebuilt).toEqual(followed);
  });
});
