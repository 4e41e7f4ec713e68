import { type INestApplication, Module } from '@nestjs/common';
import { DirectoryModule } from '@incident/directory';
import { EventStoreModule } from '@incident/event-store';
import { connectIncidentEvents, type IncidentEventsTransport } from '@incident/messaging';
import { NotifyModule } from '@incident/notify';
import { PLATFORM_CONFIG } from '@incident/platform';
import { ReviewReader } from './document/review-reader';
import { ReviewChanges } from './document/review-changes';
import { ReviewEditor } from './editing/review-editor';
import { PublishReviewController } from './http/publish-review.controller';
import { ReviewEditController } from './http/review-edit.controller';
import { ReviewController } from './http/review.controller';
import { SignOffController } from './http/sign-off.controller';
import { IncidentEventsHandler } from './incident-events.handler';
import { IncidentFacts } from './incident-facts';
import { PublicationNotices } from './publication/publication-notices';
import { RecurrenceIndex } from './recurrence/recurrence-index';
import { REVIEW_CONFIG, type ReviewConfig, reviewConfig } from './review.config';
import { ReviewPolicySource } from './review-policy.source';
import { ReviewRequirement } from './rules/review-requirement';

/** Wiring only: the event store and its command handler, the directory, the review policy in force, the edges. */
@Module({
  imports: [EventStoreModule.forRoot(), DirectoryModule, NotifyModule],
  controllers: [
    IncidentEventsHandler,
    ReviewController,
    ReviewEditController,
    PublishReviewController,
    // Issue 17, sign-off and publication.
    SignOffController,
    PublicationNotices,
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
  ],
})
export class ReviewModule {}

/** Connects `incident.events` to the app in review's consumer group; main.ts passes it to bootstrapService. */
export function connectReviewEvents(app: INestApplication): IncidentEventsTransport {
  return connectIncidentEvents(app, { groupId: app.get<ReviewConfig>(REVIEW_CONFIG).consumerGroup });
}
