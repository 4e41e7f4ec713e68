import { Module } from '@nestjs/common';
import { EventStoreModule } from '@incident/event-store';
import { AnchoredEvidenceService } from './anchored-evidence.service';
import { AuditAnchors } from './audit-anchors';
import { AuditController } from './audit.controller';
import { IncidentHistoryService } from './incident-history.service';

/**
 * The auditor API: history, state at a past moment and hash-chain verification, read from the event store;
 * anchored verification and evidence bundles, read from the store and `audit.anchors`.
 */
@Module({
  imports: [EventStoreModule.forRoot()],
  controllers: [AuditController],
  providers: [IncidentHistoryService, AuditAnchors, AnchoredEvidenceService],
  exports: [IncidentHistoryService],
})
export class AuditModule {}
