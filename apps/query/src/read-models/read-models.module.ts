import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PLATFORM_CONFIG, type PlatformConfig } from '@incident/platform';
import { migrateReadModels, readModelDataSourceOptions } from '@incident/read-models';
import { DataSource } from 'typeorm';
import { ProjectionsService } from './projections.service';

/**
 * The read models' PostgreSQL connection (migrated before the app serves) and the projections that fill them
 * from the event store. The store (EVENT_STORE) comes from the global EventStoreModule that the auditor API
 * imports: importing EventStoreModule.forRoot() here too would open a second store, since Nest tells dynamic
 * modules apart by reference.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [PLATFORM_CONFIG],
      useFactory: (config: PlatformConfig) => ({
        ...readModelDataSourceOptions({
          databaseUrl: config.databaseUrl,
          applicationName: `${config.service}-read-models`,
        }),
        // Fail start-up within seconds when PostgreSQL is down, instead of TypeORM's default half-minute of retries.
        retryAttempts: 2,
        retryDelay: 1000,
      }),
      dataSourceFactory: async (options) => {
        if (!options) throw new Error('no read-model data source options');
        const dataSource = await new DataSource(options).initialize();
        await migrateReadModels(dataSource);
        return dataSource;
      },
    }),
  ],
  providers: [ProjectionsService],
  exports: [TypeOrmModule],
})
export class ReadModelsModule {}
