import { Controller, Get, Inject, type BeforeApplicationShutdown } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../auth/public.decorator';
import type { PlatformConfig } from '../config/load-config';
import { PLATFORM_CONFIG } from '../platform-config.token';
import { BackgroundLoops } from '../background/background-loops';
import { KafkaHealthIndicator } from './kafka.health';
import { PostgresHealthIndicator } from './postgres.health';
import { ReadinessChecks } from './readiness-checks';

@Public()
@Controller('health')
export class HealthController implements BeforeApplicationShutdown {
  private shuttingDown = false;

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly postgres: PostgresHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
    private readonly registered: ReadinessChecks,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly loops: BackgroundLoops,
  ) {}

  /** The process is up and serving HTTP; says nothing about its dependencies. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /**
   * Ready to take work: PostgreSQL, Kafka and whatever other libraries registered (ReadinessChecks) answer, no
   * background loop crashed, and the process is not shutting down.
   */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.postgres.check(),
      () => this.kafka.check(),
      ...this.registered.entries().map(
        ([name, probe]) =>
          () =>
            this.indicators
              .check(name)
              .attempt(async () => {
                await probe();
              })
              .withTimeout(this.config.healthCheckTimeoutMs),
      ),
      () => {
        const crashed = this.loops.crashed();
        const indicator = this.indicators.check('background');
        return crashed.length > 0 ? indicator.down({ crashed }) : indicator.up();
      },
      () =>
        this.shuttingDown
          ? this.indicators.check('process').down('shutting down')
          : this.indicators.check('process').up(),
    ]);
  }

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }
}
