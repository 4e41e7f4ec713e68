import { Module } from '@nestjs/common';
import { DirectoryModule, OnCallQueries } from '@incident/directory';
import { EVENT_STORE, type HashChainedEventStore } from '@incident/event-store';
import { PLATFORM_CONFIG, type PlatformConfig } from '@incident/platform';
import { FeedTokens } from '../calendar/feed-token';
import { OnCallController } from '../http/on-call.controller';
import { ScheduleCalendarController } from '../http/schedule-calendar.controller';
import { ScheduleOverridesController } from '../http/schedule-overrides.controller';

/**
 * The on-call surface: who is on call, schedules as calendar feeds, overrides. Needs the global
 * EventStoreModule.forRoot() that EscalationModule imports (a second forRoot would open a second store).
 */
@Module({
  imports: [DirectoryModule],
  controllers: [OnCallController, ScheduleCalendarController, ScheduleOverridesController],
  providers: [
    {
      provide: OnCallQueries,
      inject: [EVENT_STORE],
      useFactory: (store: HashChainedEventStore) => new OnCallQueries(store),
    },
    {
      provide: FeedTokens,
      inject: [PLATFORM_CONFIG],
      useFactory: (config: PlatformConfig) => new FeedTokens(config.authJwtSecret),
    },
  ],
  exports: [OnCallQueries],
})
export class OnCallModule {}
