import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Pool } from 'pg';
import type { PlatformConfig } from '../config/load-config';
import { PLATFORM_CONFIG } from '../platform-config.token';

/** Readiness of PostgreSQL: `SELECT 1` answers within the health-check timeout. */
@Injectable()
export class PostgresHealthIndicator implements OnApplicationShutdown {
  private readonly pool: Pool;

  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {
    this.pool = new Pool({
      connectionString: config.databaseUrl,
      max: 1,
      connectionTimeoutMillis: config.healthCheckTimeoutMs,
      idleTimeoutMillis: 30_000,
      application_name: `${config.service}-health`,
    });
    // An idle client dropped by the server must not crash the process; the next check reconnects.
    this.pool.on('error', () => undefined);
  }

  check() {
    return this.health
      .check('postgres')
      .attempt(async () => {
        await this.pool.query('SELECT 1');
      })
      .withTimeout(this.config.healthCheckTimeoutMs);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
