import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';

/** The query service: read models and the dashboard API, and the auditor API over the event store. */
@Module({ imports: [AuditModule] })
export class QueryModule {}
