import { DataSource, type DataSourceOptions } from 'typeorm';
import { ActionItem } from '../action-item/action-item.entity';
import { IncidentSummary } from '../incident-summary/incident-summary.entity';
import { IncidentTimelineEntry } from '../incident-timeline/incident-timeline.entity';
import { CustomerHours, CustomerHoursIncident } from '../customer-hours/customer-hours.entity';
import { CreateReadModels1767225600000 } from '../migrations/1767225600000-create-read-models';
import { Issue13ReadSide1796256000000 } from '../migrations/1796256000000-issue-13-read-side';
import { SlaStatusDueAt1796342400000 } from '../migrations/1796342400000-sla-status-due-at';
import { ActionItemOwnerTeam1796428800000 } from '../migrations/1796428800000-action-item-owner-team';
import { ResponseMetricsByCategory1796428800001 } from '../migrations/1796428800001-response-metrics-by-category';
import { RecentChanges1796430021000 } from '../migrations/1796430021000-recent-changes';
import { IncidentSummaryNotify1796515200000 } from '../migrations/1796515200000-incident-summary-notify';
import { OncallPage } from '../oncall-page/oncall-page.entity';
import { ProjectionCheckpoint } from '../projection/projection-checkpoint.entity';
import { RecentChange } from '../recent-changes/recent-change.entity';
import { DailyResponseMetrics } from '../response-metrics/daily-response-metrics.entity';
import { ResponseCycle } from '../response-metrics/response-cycle.entity';
import { SlaStatus } from '../sla-status/sla-status.entity';
import { TriageDecision } from '../triage-decisions/triage-decision.entity';
import { READ_MODEL_SCHEMA } from './read-model-schema';
import { migrateReadModels } from './migrate-read-models';

export const READ_MODEL_ENTITIES = [
  ProjectionCheckpoint,
  IncidentSummary,
  IncidentTimelineEntry,
  SlaStatus,
  ActionItem,
  OncallPage,
  ResponseCycle,
  DailyResponseMetrics,
  TriageDecision,
  CustomerHours,
  CustomerHoursIncident,
  RecentChange,
];

export const READ_MODEL_MIGRATIONS = [
  CreateReadModels1767225600000,
  Issue13ReadSide1796256000000,
  SlaStatusDueAt1796342400000,
  ActionItemOwnerTeam1796428800000,
  ResponseMetricsByCategory1796428800001,
  RecentChanges1796430021000,
  IncidentSummaryNotify1796515200000,
];

export interface ReadModelConnection {
  /** DATABASE_URL. */
  readonly databaseUrl: string;
  readonly poolSize?: number;
  readonly applicationName?: string;
}

/** TypeORM options for the read models; `synchronize` stays off everywhere, tests included: migrations own the schema. */
export function readModelDataSourceOptions(connection: ReadModelConnection): DataSourceOptions {
  return {
    type: 'postgres',
    url: connection.databaseUrl,
    schema: READ_MODEL_SCHEMA,
    entities: READ_MODEL_ENTITIES,
    migrations: READ_MODEL_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    poolSize: connection.poolSize ?? 10,
    applicationName: connection.applicationName ?? 'read-models',
  };
}

/** A connected data source with the schema migrated: what the query service, the CLI and the benchmark use. */
export async function openReadModels(connection: ReadModelConnection): Promise<DataSource> {
  const dataSource = await new DataSource(readModelDataSourceOptions(connection)).initialize();
  try {
    await migrateReadModels(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
