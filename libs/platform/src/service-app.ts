import { type INestApplication, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig, type PlatformConfig } from './config/load-config';
import { createLogger } from './logging/create-logger';
import { httpLoggingMiddleware } from './logging/http-logging.middleware';
import { PinoLoggerService } from './logging/pino-logger.service';
import { createPlatformMetrics } from './metrics/metrics-registry';
import { httpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { PlatformModule, type PlatformContext } from './platform.module';
import type { ServiceName } from './services';

export function createPlatformContext(config: PlatformConfig): PlatformContext {
  return {
    config,
    logger: createLogger(config.service, config.logLevel),
    metrics: createPlatformMetrics(config.service),
  };
}

/** The service's own module under the platform's, as one root; used by main.ts and by tests alike. */
export function serviceRootModule(context: PlatformContext, serviceModule: Type): Type {
  @Module({ imports: [PlatformModule.forRoot(context), serviceModule] })
  class ServiceRootModule {}
  return ServiceRootModule;
}

export async function createServiceApp(context: PlatformContext, serviceModule: Type): Promise<INestApplication> {
  const app = await NestFactory.create(serviceRootModule(context, serviceModule), {
    logger: new PinoLoggerService(context.logger),
    // Keep-alive sockets would otherwise hold app.close() open until the client lets go.
    forceCloseConnections: true,
  });
  app.use(httpLoggingMiddleware(context.logger));
  app.use(httpMetricsMiddleware(context.metrics));
  return app;
}

export interface ServiceBootstrapOptions {
  /**
   * Connects the service's microservice transports to the app, e.g.
   * `connect: (app) => connectIncidentEvents(app, { groupId: 'triage' })` from @incident/messaging. They start
   * before HTTP is served and stop when the app closes.
   */
  readonly connect?: (app: INestApplication) => unknown;
}

/**
 * Starts one service as its own process: validates the environment (every problem listed, exit 1), starts
 * its transports, serves HTTP, and on SIGTERM/SIGINT closes gracefully, exiting anyway once
 * SHUTDOWN_TIMEOUT_MS has passed.
 */
export async function bootstrapService(
  service: ServiceName,
  serviceModule: Type,
  options: ServiceBootstrapOptions = {},
): Promise<void> {
  let config: PlatformConfig;
  try {
    config = loadConfig(service);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const context = createPlatformContext(config);
  const { logger } = context;
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      setTimeout(() => {
        logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'graceful shutdown took too long; exiting');
        process.exit(1);
      }, config.shutdownTimeoutMs).unref();
    });
  }

  try {
    const app = await createServiceApp(context, serviceModule);
    app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
    await options.connect?.(app);
    if (app.getMicroservices().length > 0) {
      // Hooks first, so a handler never runs against a provider whose onModuleInit has not.
      await app.init();
      await app.startAllMicroservices();
    }
    await app.listen(config.port, config.httpHost);
    logger.info({ url: `http://${config.httpHost}:${config.port}` }, `${service} listening`);
  } catch (error) {
    logger.fatal({ err: error }, `${service} failed to start`);
    process.exit(1);
  }
}
