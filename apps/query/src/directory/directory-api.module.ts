import { Module } from '@nestjs/common';
import { DirectoryModule } from '@incident/directory';
import { DirectoryController } from './directory.controller';

/**
 * GET and PUT /v1/directory over the directory stream. The store (EVENT_STORE) comes from the global
 * EventStoreModule that the auditor API imports: a second EventStoreModule.forRoot() would open a second store.
 */
@Module({ imports: [DirectoryModule], controllers: [DirectoryController] })
export class DirectoryApiModule {}
