import { Module } from '@nestjs/common';
import { DirectoryModule } from '@incident/directory';
import { EventStoreModule } from '@incident/event-store';
import { DirectoryController } from './directory.controller';

/** GET and PUT /v1/directory over the directory stream of the event store. */
@Module({ imports: [EventStoreModule.forRoot(), DirectoryModule], controllers: [DirectoryController] })
export class DirectoryApiModule {}
