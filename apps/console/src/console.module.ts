import { Inject, type MiddlewareConsumer, Module, type NestModule, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Pool } from 'pg';
import { PLATFORM_CONFIG, type PlatformConfig } from '@incident/platform';
import { migrateReadModels, readModelDataSourceOptions } from '@incident/read-models';
import { DataSource } from 'typeorm';
import { ApiProxyController } from './api/api-proxy.controller';
import { CONSOLE_CONFIG, consoleConfig } from './console.config';
import { IncidentFeed } from './live/incident-feed';
import { IncidentStreamController } from './live/incident-stream.controller';
import { AuthController } from './sessions/auth.controller';
import { ConsoleSessions } from './sessions/console-sessions';
import { SessionPurge } from './sessions/session-purge';
import { SessionStore } from './sessions/session-store';
import { WebFilesMiddleware } from './web/web-files.middleware';

/**
 * The web console: the built pages, sign-in links and sessions (schema `console`), /api forwarded to the owning
 * services as the signed-in person, and the live incident list. The stream's controller comes before the
 * forwarder's, whose /api/*path would otherwise take /api/stream/incidents too.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [PLATFORM_CONFIG],
      useFactory: (config: PlatformConfig) => ({
        ...readModelDataSourceOptions({
          databaseUrl: config.databaseUrl,
          applicationName: `${config.service}-read-models`,
          poolSize: 4,
        }),
        retryAttempts: 2,
        retryDelay: 1000,
      }),
      // Migrated here too: the live list LISTENs for the read models' announcements from its first minute.
      dataSourceFactory: async (options) => {
        if (!options) throw new Error('no read-model data source options');
        const dataSource = await new DataSource(options).initialize();
        await migrateReadModels(dataSource);
        return dataSource;
      },
    }),
  ],
  controllers: [AuthController, IncidentStreamController, ApiProxyController],
  providers: [
    {
      provide: CONSOLE_CONFIG,
      inject: [PLATFORM_CONFIG],
      useFactory: (config: PlatformConfig) => consoleConfig(config),
    },
    {
      provide: SessionStore,
      inject: [PLATFORM_CONFIG],
      useFactory: async (config: PlatformConfig) => {
        const pool = new Pool({ connectionString: config.databaseUrl, max: 4, application_name: 'console-sessions' });
        const store = new SessionStore(pool);
        try {
          await store.migrate();
        } catch (error) {
          await pool.end();
          throw error;
        }
        return store;
      },
    },
    ConsoleSessions,
    SessionPurge,
    IncidentFeed,
    WebFilesMiddleware,
  ],
})
export class ConsoleModule implements NestModule, OnApplicationShutdown {
  constructor(@Inject(SessionStore) private readonly sessions: SessionStore) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(WebFilesMiddleware).forRoutes('{*path}');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sessions.close();
  }
}
