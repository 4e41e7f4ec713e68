import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Pool, type PoolClient } from 'pg';
import type { IncidentOpened, IsoTimestamp } from '@incident/domain';
import { PLATFORM_CONFIG, type PlatformConfig } from '@incident/platform';
import { migrateReview } from './recurrence-index.migrations';
import type { EarlierIncident } from './recurrence-links';

/**
 * The review service's own small projection of opened incidents (`review.opened_incident`), fed by its
 * consumer from IncidentOpened, so that opening a review can find earlier incidents of the same service or dedup
 * key without depending on the query service's tables being up, caught up, or laid out as today. It knows
 * the incidents the review consumer group has read: from the start of `incident.events`, as the group begins.
 */
@Injectable()
export class RecurrenceIndex implements OnModuleInit, OnApplicationShutdown {
  private readonly pool: Pool;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.pool = new Pool({ connectionString: config.databaseUrl, max: 2 });
    // An idle connection cut by a PostgreSQL restart is reported on the pool; unheard, it ends the process.
    this.pool.on('error', () => undefined);
  }

  async onModuleInit(): Promise<void> {
    await migrateReview(this.pool);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }

  /**
   * `tx`: the consumer's transaction, so the row commits with the event's idempotency record in one COMMIT
   * (a write of its own was a second synchronous commit per new incident).
   */
  async record(opened: IncidentOpened['data'], tx: Pool | PoolClient = this.pool): Promise<void> {
    await tx.query(
      `INSERT INTO review.opened_incident (incident_id, service, dedup_key, drill, opened_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (incident_id) DO NOTHING`,
      [opened.incidentId, opened.service, opened.dedupKey, opened.drill, opened.openedAt],
    );
  }

  /** Incidents (drills with drills, real with real) of the same service or dedup key opened in the window. */
  async earlier(
    of: { incidentId: string; service: string; dedupKey: string; drill: boolean },
    from: IsoTimestamp,
    to: IsoTimestamp,
  ): Promise<EarlierIncident[]> {
    const { rows } = await this.pool.query<{
      incident_id: string;
      service: string;
      dedup_key: string;
      opened_at: Date;
    }>(
      `SELECT incident_id, service, dedup_key, opened_at FROM review.opened_incident
        WHERE (service = $2 OR dedup_key = $3) AND drill = $4 AND incident_id <> $1
          AND opened_at >= $5 AND opened_at <= $6
        ORDER BY opened_at, incident_id LIMIT 50`,
      [of.incidentId, of.service, of.dedupKey, of.drill, from, to],
    );
    return rows.map((row) => ({
      incidentId: row.incident_id,
      service: row.service,
      dedupKey: row.dedup_key,
      openedAt: row.opened_at.toISOString(),
    }));
  }
}
