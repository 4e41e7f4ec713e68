import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { ChangesModule } from './changes/changes.module';
import { CustomerHoursModule } from './customer-hours/customer-hours.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { DirectoryApiModule } from './directory/directory-api.module';
import { EscalationViewsModule } from './escalation/escalation-views.module';
import { OpenApiModule } from './openapi/openapi.module';
import { ReviewViewsModule } from './review/review-views.module';

/**
 * The query service: read models kept by projections, the dashboard API over them, the auditor API over the
 * event store, the directory (GET/PUT /v1/directory), and the OpenAPI document at /docs.
 */
@Module({
  imports: [
    AuditModule,
    ChangesModule,
    CustomerHoursModule,
    DashboardModule,
    DirectoryApiModule,
    EscalationViewsModule,
    OpenApiModule,
    ReviewViewsModule,
  ],
})
export class QueryModule {}
