import { type INestApplication, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { DirectoryModule } from '@incident/directory';
import { EventStoreModule } from '@incident/event-store';
import { connectIncidentEvents, type IncidentEventsTransport } from '@incident/messaging';
import { NotifyModule } from '@incident/notify';
import { METRICS_REGISTRY, PINO_LOGGER, PLATFORM_CONFIG } from '@incident/platform';
import type { PlatformConfig, PlatformMetrics } from '@incident/platform';
import { SchedulerModule } from '@incident/scheduler';
import { ReviewReader } from './document/review-reader';
import { ReviewChanges } from './document/review-changes';
import { ReviewEditor } from './editing/review-editor';
import { PublishReviewController } from './http/publish-review.controller';
import { ReviewEditController } from './http/review-edit.controller';
import { ReviewController } from './http/review.controller';
import { SignOffController } from './http/sign-off.controller';
import { WaiveReviewController } from './http/waive-review.controller';
import { IncidentEventsHandler } from './incident-events.handler';
import { IncidentFacts } from './incident-facts';
import { PublicationNotices } from './publication/publication-notices';
import { RecurrenceIndex } from './recurrence/recurrence-index';
import { REVIEW_CONFIG, type ReviewConfig, reviewConfig } from './review.config';
import { ReviewPolicySource } from './review-policy.source';
import { ReviewRequirement } from './rules/review-requirement';
import { ActionItemEventsHandler } from './reminders/action-item-events.handler';
import { ActionItemReminders } from './reminders/action-item-reminders';

/**
 * Wiring only: the event store and its command handler, the directory, the review policy in force, the notify
 * channels and the timer queue of action items' reminders, the edges.
 */
@Module({
  imports: [
    EventStoreModule.forRoot(),
    DirectoryModule,
    NotifyModule,
    SchedulerModule.forRoot({
      inject: [PLATFORM_CONFIG, METRICS_REGISTRY, PINO_LOGGER],
      useFactory: (config: PlatformConfig, metrics: PlatformMetrics, logger: Logger) => ({
        queue: config.service,
        connectionString: config.databaseUrl,
        registry: metrics.registry,
        logger,
      }),
    }),
  ],
  controllers: [
    IncidentEventsHandler,
    ReviewController,
    ReviewEditController,
    PublishReviewController,
    // Issue 17, sign-off and publication.
    SignOffController,
    // Issue 17, waiving a required review by the policy's waivableBy.
    WaiveReviewController,
    PublicationNotices,
    ActionItemEventsHandler,
  ],
  providers: [
    { provide: REVIEW_CONFIG, inject: [PLATFORM_CONFIG], useFactory: reviewConfig },
    IncidentFacts,
    ReviewPolicySource,
    ReviewReader,
    ReviewChanges,
    ReviewEditor,
    ReviewRequirement,
    RecurrenceIndex,
    ActionItemReminders,
  ],
})
export class ReviewModule {}

/** Connects `incident.events` to the app in review's consumer group; main.ts passes it to bootstrapService. */
export function connectReviewEvents(app: INestApplication): IncidentEventsTransport {
  return connectIncidentEvents(app, { groupId: app.get<ReviewConfig>(REVIEW_CONFIG).consumerGroup });
}
