import { Body, Controller, Headers, HttpCode, Inject, Post, UseFilters } from '@nestjs/common';
import { Public } from '@incident/platform';
import { integrationKeyFrom } from '../http/integration-key';
import { RateLimitedFilter } from '../http/rate-limited.filter';
import { validateBody } from '../http/validate-body';
import { IntakeGateway } from '../ingest/intake-gateway';
import { alertmanagerSignal } from './alertmanager-signal';
import { AlertmanagerWebhookDto } from '@incident/contracts';
import { requestCorrelationId } from '../http/request-correlation';

/** Alertmanager's webhook receiver; the key comes through `http_config.authorization` as a bearer. */
@Public()
@UseFilters(RateLimitedFilter)
@Controller('v1/alerts/alertmanager')
export class AlertmanagerController {
  constructor(@Inject(IntakeGateway) private readonly intake: IntakeGateway) {}

  @Post()
  @HttpCode(202)
  async receive(@Body() body: unknown, @Headers() headers: Record<string, string | undefined>) {
    const integration = await this.intake.admit(integrationKeyFrom(headers));
    const webhook = await validateBody(AlertmanagerWebhookDto, body);
    const correlationId = requestCorrelationId();
    await this.intake.route(
      webhook.alerts.map((alert) => alertmanagerSignal(webhook, alert, integration, correlationId)),
    );
    return { status: 'success', message: 'Alerts processed', alerts: webhook.alerts.length };
  }
}
