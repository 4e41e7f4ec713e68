import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Post, UseFilters } from '@nestjs/common';
import { Public } from '@incident/platform';
import { RateLimitedFilter } from '../http/rate-limited.filter';
import { validateBody } from '../http/validate-body';
import { IntakeGateway } from '../ingest/intake-gateway';
import { PagerDutyEventDto } from '@incident/contracts';
import { pagerDutySignal } from './pagerduty-signal';

/** PagerDuty Events API v2: a tool that pages PagerDuty works here by changing only its base URL. */
@Public()
@UseFilters(RateLimitedFilter)
@Controller()
export class PagerDutyController {
  constructor(@Inject(IntakeGateway) private readonly intake: IntakeGateway) {}

  @Post('v2/enqueue')
  @HttpCode(202)
  async enqueue(@Body() body: unknown) {
    const event = await validateBody(PagerDutyEventDto, body);
    const integration = await this.intake.admit(event.routing_key);
    const dedupKey = event.dedup_key ?? randomUUID().replaceAll('-', '');
    await this.intake.route([pagerDutySignal(event, dedupKey, integration, randomUUID())]);
    return { status: 'success', message: 'Event processed', dedup_key: dedupKey };
  }
}
