import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Pool, type PoolClient } from 'pg';
import { PLATFORM_CONFIG, type PlatformConfig } from '@incident/platform';
import { migrateRemediation } from './hours-ledger.migrations';

/** `YYYY-MM` of an instant, in UTC: the calendar month pre-approved hours are granted for. */
export const periodOf = (at: string): string => at.slice(0, 7);

/**
 * Minutes logged per customer and month, across all the customer's incidents: what LogTime needs to know whether
 * an entry crosses the month's pre-approved hours. Fed by TimeLogged in the consumer's transaction (once per
 * event), so it trails the store by the consumer's lag; an entry racing another may be judged a little late.
 */
@Injectable()
export class HoursLedger implements OnModuleInit, OnApplicationShutdown {
  private readonly pool: Pool;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.pool = new Pool({ connectionString: config.databaseUrl, max: 2 });
    // An idle connection cut by a PostgreSQL restart is reported on the pool; unheard, it ends the process.
    this.pool.on('error', () => undefined);
  }

  async onModuleInit(): Promise<void> {
    await migrateRemediation(this.pool);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }

  async used(customerId: string, period: string): Promise<number> {
    const { rows } = await this.pool.query<{ minutes: number }>(
      'SELECT minutes FROM remediation.customer_period_minutes WHERE customer_id = $1 AND period = $2',
      [customerId, period],
    );
    return rows[0]?.minutes ?? 0;
  }

  async add(tx: PoolClient, customerId: string, period: string, minutes: number): Promise<void> {
    await tx.query(
      `INSERT INTO remediation.customer_period_minutes (customer_id, period, minutes) VALUES ($1, $2, $3)
       ON CONFLICT (customer_id, period) DO UPDATE SET minutes = customer_period_minutes.minutes + EXCLUDED.minutes`,
      [customerId, period, minutes],
    );
  }
}
