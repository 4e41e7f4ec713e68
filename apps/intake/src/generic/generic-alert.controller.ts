import { Body, Controller, Headers, HttpCode, Inject, Post, UseFilters } from '@nestjs/common';
import { Public } from '@incident/platform';
import { integrationKeyFrom } from '../http/integration-key';
import { RateLimitedFilter } from '../http/rate-limited.filter';
import { validateBody } from '../http/validate-body';
import { IntakeGateway } from '../ingest/intake-gateway';
import { GenericAlertDto } from '@incident/contracts';
import { genericAlertSignal } from './generic-alert-signal';
import { requestCorrelationId } from '../http/request-correlation';

/** The generic JSON alert; the key in `X-Integration-Key` or `Authorization: Bearer`. */
@Public()
@UseFilters(RateLimitedFilter)
@Controller('v1/alerts')
export class GenericAlertController {
  constructor(@Inject(IntakeGateway) private readonly intake: IntakeGateway) {}

  @Post()
  @HttpCode(202)
  async receive(@Body() body: unknown, @Headers() headers: Record<string, string | undefined>) {
    const integration = await this.intake.admit(integrationKeyFrom(headers));
    const alert = await validateBody(GenericAlertDto, body);
    const signal = genericAlertSignal(alert, integration, requestCorrelationId());
    await this.intake.route([signal]);
    return { status: 'success', message: 'Alert processed', dedup_key: signal.dedupKey };
  }
}
