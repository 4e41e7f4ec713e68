import { Module } from '@nestjs/common';
import { EventStoreModule } from '@incident/event-store';
import { AuditController } from './audit.controller';
import { IncidentHistoryService } from './incident-history.service';

/** The auditor API: history, state at a past moment and hash-chain verification, read from the event store. */
@Module({
  imports: [EventStoreModule.forRoot()],
  controllers: [AuditController],
  providers: [IncidentHistoryService],
  exports: [IncidentHistoryService],
})
export class AuditModule {}
