import { Body, Controller, HttpCode, Inject, Post, UseFilters } from '@nestjs/common';
import { Public } from '@incident/platform';
import { RateLimitedFilter } from '../http/rate-limited.filter';
import { IntakeGateway } from '../ingest/intake-gateway';
import { enqueuePagerDutyEvent } from './pagerduty-enqueue';

/**
 * PagerDuty Events API v2: a tool that pages PagerDuty works here by changing only its base URL. Under load the
 * route is answered by the fast path (`http/enqueue-fast-path.ts`) before it reaches Nest; this controller
 * documents it (OpenAPI) and serves what the fast path leaves to it (compressed or non-UTF-8 bodies).
 */
@Public()
@UseFilters(RateLimitedFilter)
@Controller()
export class PagerDutyController {
  constructor(@Inject(IntakeGateway) private readonly intake: IntakeGateway) {}

  @Post('v2/enqueue')
  @HttpCode(202)
  enqueue(@Body() body: unknown) {
    return enqueuePagerDutyEvent(this.intake, body);
  }
}
