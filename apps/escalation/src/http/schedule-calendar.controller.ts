import {
  Controller,
  Get,
  Header,
  Inject,
  NotFoundException,
  Param,
  Query,
  UnauthorizedException,
} from '@nestjs/common';
import { OnCallQueries, shiftsBetween } from '@incident/directory';
import { notifySettings } from '@incident/notify';
import { PLATFORM_CONFIG, type PlatformConfig, Public } from '@incident/platform';
import { FeedTokens } from '../calendar/feed-token';
import { scheduleCalendar } from '../calendar/schedule-calendar';

const DAY = 86_400_000;
/** The feed shows the last two weeks (for reviews) and the next quarter (for planning). */
const PAST_DAYS = 14;
const FUTURE_DAYS = 90;

/**
 * Each schedule as an iCalendar feed. Calendar clients cannot send a bearer token, so the feed is @Public()
 * and takes the schedule's feed token in the URL instead (see FeedTokens); staff get that URL from
 * GET /v1/schedules/:id/feed with their bearer token.
 */
@Controller('v1/schedules')
export class ScheduleCalendarController {
  constructor(
    @Inject(OnCallQueries) private readonly queries: OnCallQueries,
    @Inject(FeedTokens) private readonly tokens: FeedTokens,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  @Public()
  @Get(':scheduleId.ics')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  async feed(
    @Param('scheduleId') scheduleId: string,
    @Query('token') token?: string,
    @Query('person') person?: string,
  ): Promise<string> {
    if (!this.tokens.verify(scheduleId, token)) {
      throw new UnauthorizedException('missing or wrong feed token: get the URL from GET /v1/schedules/:id/feed');
    }
    const now = Date.now();
    const answer = await this.queries.schedule(scheduleId, new Date(now));
    if (!answer.found) throw new NotFoundException(answer.reason);
    const shifts = shiftsBetween(
      answer.schedule,
      new Date(now - PAST_DAYS * DAY).toISOString(),
      new Date(now + FUTURE_DAYS * DAY).toISOString(),
    );
    return scheduleCalendar(answer.directory, answer.schedule, shifts, {
      ttlSeconds: 3600,
      ...(person ? { personId: person } : {}),
    });
  }

  /** The schedule's feed URL (and one per person on its rota) for any staff role. */
  @Get(':scheduleId/feed')
  async feedUrl(@Param('scheduleId') scheduleId: string) {
    const answer = await this.queries.schedule(scheduleId, new Date());
    if (!answer.found) throw new NotFoundException(answer.reason);
    const path = `/v1/schedules/${encodeURIComponent(scheduleId)}.ics?token=${this.tokens.tokenFor(scheduleId)}`;
    // The public base of one-click links (PUBLIC_BASE_URL, else this host and port): clients fetch from outside.
    const base = notifySettings(this.config).publicBaseUrl.replace(/\/$/, '');
    const members = [...new Set(answer.schedule.layers.flatMap((layer) => layer.members))];
    return {
      scheduleId,
      url: `${base}${path}`,
      personal: members.map((personId) => ({ personId, url: `${base}${path}&person=${encodeURIComponent(personId)}` })),
    };
  }
}
