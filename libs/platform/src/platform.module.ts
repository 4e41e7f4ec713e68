import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import type { Logger } from 'pino';
import { AuthGuard } from './auth/auth.guard';
import { WhoAmIController } from './auth/whoami.controller';
import type { PlatformConfig } from './config/load-config';
import { HealthController } from './health/health.controller';
import { KafkaHealthIndicator } from './health/kafka.health';
import { PlatformExceptionFilter } from './http/platform-exception.filter';
import { PostgresHealthIndicator } from './health/postgres.health';
import { ReadinessChecks } from './health/readiness-checks';
import { METRICS_REGISTRY, type PlatformMetrics } from './metrics/metrics-registry';
import { MetricsController } from './metrics/metrics.controller';
import { PLATFORM_CONFIG } from './platform-config.token';
import { PINO_LOGGER } from './platform-logger.token';
import { BackgroundLoops } from './background/background-loops';

export { PINO_LOGGER };

export interface PlatformContext {
  readonly config: PlatformConfig;
  readonly logger: Logger;
  readonly metrics: PlatformMetrics;
}

/**
 * What every service shares: its validated configuration, logger and metrics registry as injectables,
 * health and metrics endpoints, the global bearer-token guard, the one exception filter, and BackgroundLoops for
 * work beside the API.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(context: PlatformContext): DynamicModule {
    return {
      module: PlatformModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController, MetricsController, WhoAmIController],
      providers: [
        { provide: PLATFORM_CONFIG, useValue: context.config },
        { provide: PINO_LOGGER, useValue: context.logger },
        { provide: METRICS_REGISTRY, useValue: context.metrics },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useValue: new PlatformExceptionFilter(context.logger) },
        PostgresHealthIndicator,
        KafkaHealthIndicator,
        ReadinessChecks,
        BackgroundLoops,
      ],
      exports: [PLATFORM_CONFIG, PINO_LOGGER, METRICS_REGISTRY, ReadinessChecks, BackgroundLoops],
    };
  }
}
