import { Module } from '@nestjs/common';
import { EventStoreModule } from '@incident/event-store';
import { OnCallModule } from './oncall/on-call.module';

/** The escalation service: wiring only. */
@Module({
  imports: [EventStoreModule.forRoot(), OnCallModule],
})
export class EscalationModule {}
