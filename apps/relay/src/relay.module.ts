import { Module } from '@nestjs/common';
import { RelayService } from './relay.service';

/** The relay service: publishes the event store's global log to Kafka. The platform supplies the rest. */
@Module({ providers: [RelayService] })
export class RelayModule {}
