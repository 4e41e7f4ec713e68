import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { OpenApiModule } from './openapi/openapi.module';

/**
 * The query service: read models kept by projections, the dashboard API over them, the auditor API over the
 * event store, and the OpenAPI document of both at /docs.
 */
@Module({ imports: [AuditModule, DashboardModule, OpenApiModule] })
export class QueryModule {}
