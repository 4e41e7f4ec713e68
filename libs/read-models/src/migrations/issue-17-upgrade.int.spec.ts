import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DirectoryVersions } from '@incident/directory';
import { type IncidentCommand, incidentDecider } from '@incident/domain';
import { createEventStore, handleCommand, type HashChainedEventStore } from '@incident/event-store';
import { createTestDatabase, describeWithInfrastructure, type TestDatabase } from '@incident/testing';
import { DataSource } from 'typeorm';
import { ProjectionRunner } from '../projection/projection-runner';
import { PROJECTIONS } from '../projections';
import { responseFiguresByCategory } from '../response-metrics/response-figures.queries';
import { migrateReadModels } from '../schema/migrate-read-models';
import { openReadModels, READ_MODEL_MIGRATIONS, readModelDataSourceOptions } from '../schema/read-model-data-source';
import { catchUpCompletely } from '../testing-support/wait-until-caught-up';
import { ActionItemOwnerTeam1796428800000 } from './1796428800000-action-item-owner-team';
import { ResponseMetricsByCategory1796428800001 } from './1796428800001-response-metrics-by-category';

const at = (minutes: number) => new Date(Date.parse('2026-10-06T10:00:00.000Z') + minutes * 60_000).toISOString();

/**
 * A database whose read models were kept before issue 17's migrations: its action items and daily figures have
 * the old shape. Upgrading empties both models and resets their checkpoints, so the projections fill the new
 * columns from the whole log instead of leaving old rows without team, category or review time.
 */
describeWithInfrastructure(['postgres'], 'issue 17 migrations on a database kept by the earlier read models', () => {
  let database: TestDatabase;
  let store: HashChainedEventStore;
  let upgraded: DataSource;
  const incidentId = randomUUID();

  beforeAll(async () => {
    database = await createTestDatabase('issue17_upgrade');
    store = await createEventStore({ databaseUrl: database.url });
    const directory = readFileSync(join(__dirname, '../../../../config/directory.example.yaml'), 'utf8');
    const context = { actor: { kind: 'user' as const, id: 'ops' }, correlationId: randomUUID(), occurredAt: at(0) };
    await new DirectoryVersions(store).apply(directory, 'directory.example.yaml', context);
    const data = (type: IncidentCommand['type'], fields: Record<string, unknown>) =>
      ({ type, data: { incidentId, ...fields } }) as unknown as IncidentCommand;
    const commands = [
      data('OpenIncident', {
        dedupKey: incidentId,
        source: 'hand',
        customerId: 'c',
        service: 's',
        title: 't',
        openedAt: at(0),
      }),
      data('TriageIncident', {
        severity: 'high',
        owningTeam: 'database',
        category: 'defect.bug',
        ruleId: 'r',
        triagedAt: at(1),
      }),
      data('AcknowledgeIncident', { responderId: 'grace', acknowledgedAt: at(3) }),
      data('ResolveIncident', { resolvedBy: 'grace', summary: 'fixed', resolvedAt: at(30) }),
      data('StartReview', { startedBy: 'grace', startedAt: at(31) }),
      data('RecordRootCause', { whys: ['why'], rootCause: 'cause', recordedBy: 'grace', recordedAt: at(32) }),
      data('AddActionItem', {
        actionItemId: 'ai-1',
        kind: 'patch',
        title: 'patch',
        owner: 'grace',
        dueDate: '2026-10-20',
        addedAt: at(33),
      }),
      data('PublishReview', { summary: 'done', publishedBy: 'grace', publishedAt: at(90) }),
    ];
    for (const command of commands) {
      const occurredAt = at(0);
      await handleCommand(store, incidentDecider, `incident-${incidentId}`, command, { ...context, occurredAt });
    }

    // The earlier schema, with rows and checkpoints as the earlier projections left them.
    const issue17 = [ActionItemOwnerTeam1796428800000, ResponseMetricsByCategory1796428800001] as const;
    const before = READ_MODEL_MIGRATIONS.filter((migration) => !(issue17 as readonly unknown[]).includes(migration));
    const old = await new DataSource({
      ...readModelDataSourceOptions({ databaseUrl: database.url }),
      migrations: before,
    }).initialize();
    await migrateReadModels(old);
    await old.query(
      `INSERT INTO read_models.action_item (incident_id, action_item_id, kind, title, owner, due_date, status, added_at)
       VALUES ($1, 'ai-1', 'patch', 'patch', 'grace', '2026-10-20', 'open', $2)`,
      [incidentId, at(33)],
    );
    await old.query(
      `INSERT INTO read_models.daily_response_metrics (day, team, severity, incidents, acknowledged,
         mtta_seconds_total, resolved, mttr_seconds_total, breached_incidents, acknowledgement_breaches,
         mitigation_breaches, resolution_breaches)
       VALUES ('2026-10-06', 'database', 'high', 1, 1, 180, 1, 1800, 0, 0, 0, 0)`,
    );
    await old.query(
      `INSERT INTO read_models.projection_checkpoint (name, checkpoint, position, events_processed)
       VALUES ('action_item', '999', 999, 8), ('response_metrics', '999', 999, 8)`,
    );
    await old.destroy();

    upgraded = await openReadModels({ databaseUrl: database.url });
  });

  afterAll(async () => {
    await upgraded?.destroy();
    await store?.close();
    await database?.drop();
  });

  it('empties both models and resets their checkpoints', async () => {
    const checkpoints = await upgraded.query(
      `SELECT name, checkpoint, events_processed::int AS processed FROM read_models.projection_checkpoint ORDER BY name`,
    );
    const [items] = await upgraded.query(`SELECT count(*)::int AS n FROM read_models.action_item`);
    const [figures] = await upgraded.query(`SELECT count(*)::int AS n FROM read_models.daily_response_metrics`);

    expect(checkpoints).toEqual([
      { name: 'action_item', checkpoint: null, processed: 0 },
      { name: 'response_metrics', checkpoint: null, processed: 0 },
    ]);
    expect([items.n, figures.n]).toEqual([0, 0]);
  });

  it('fills the new columns from the whole log once the projections run again', async () => {
    await catchUpCompletely(new ProjectionRunner(upgraded, store, PROJECTIONS), store);
    const [item] = await upgraded.query(`SELECT owner_team, due_at FROM read_models.action_item`);
    const figures = await responseFiguresByCategory(upgraded, {
      from: '2026-10-06',
      to: '2026-10-06',
      period: 'day',
      drills: 'exclude',
    });

    expect(item).toEqual({ owner_team: 'database', due_at: new Date('2026-10-21T00:00:00.000Z') });
    expect(figures).toEqual([
      expect.objectContaining({
        team: 'database',
        category: 'defect.bug',
        severity: 'high',
        mttaSeconds: 180,
        mttrSeconds: 1800,
        reviewed: 1,
        timeToReviewSeconds: 3600,
      }),
    ]);
  });
});
