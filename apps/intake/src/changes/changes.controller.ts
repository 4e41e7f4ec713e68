import { randomUUID } from 'node:crypto';
import { Body, Controller, Headers, HttpCode, Inject, Post, UseFilters } from '@nestjs/common';
import { ChangeDto, PagerDutyChangeEventDto } from '@incident/contracts';
import { Public } from '@incident/platform';
import { integrationKeyFrom } from '../http/integration-key';
import { RateLimitedFilter } from '../http/rate-limited.filter';
import { validateBody } from '../http/validate-body';
import { IntakeGateway } from '../ingest/intake-gateway';
import { INTAKE_CLOCK, type IntakeClock } from '../intake.providers';
import { genericChange, pagerDutyChange } from './change-record';
import { ChangeRecorder } from './change-recorder';
import { requestCorrelationId } from '../http/request-correlation';

/**
 * Change events (issue 21): the same key, rate limit, body limit and error shapes as the alert routes beside them.
 * The 202 is sent once the change is durable in the store.
 */
@Public()
@UseFilters(RateLimitedFilter)
@Controller()
export class ChangesController {
  constructor(
    @Inject(IntakeGateway) private readonly intake: IntakeGateway,
    @Inject(ChangeRecorder) private readonly recorder: ChangeRecorder,
    @Inject(INTAKE_CLOCK) private readonly clock: IntakeClock,
  ) {}

  /** PagerDuty Events API v2 change events; like /v2/enqueue, the body is validated before the key is looked up. */
  @Post('v2/change/enqueue')
  @HttpCode(202)
  async enqueue(@Body() body: unknown) {
    const event = await validateBody(PagerDutyChangeEventDto, body);
    const integration = await this.intake.admit(event.routing_key);
    const change = pagerDutyChange(event, integration, randomUUID(), this.clock());
    await this.recorder.record(change, requestCorrelationId());
    return { status: 'success', message: 'Change event processed', change_id: change.changeId };
  }

  /** The generic route: the key in `X-Integration-Key` or `Authorization: Bearer`, checked first, as /v1/alerts. */
  @Post('v1/changes')
  @HttpCode(202)
  async receive(@Body() body: unknown, @Headers() headers: Record<string, string | undefined>) {
    const integration = await this.intake.admit(integrationKeyFrom(headers));
    const valid = await validateBody(ChangeDto, body);
    const change = genericChange(valid, integration, randomUUID(), this.clock());
    await this.recorder.record(change, requestCorrelationId());
    return { status: 'success', message: 'Change processed', change_id: change.changeId };
  }
}
