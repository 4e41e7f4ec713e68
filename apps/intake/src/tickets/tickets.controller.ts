import { randomUUID } from 'node:crypto';
import { Body, Controller, Headers, HttpCode, Inject, Post, UseFilters } from '@nestjs/common';
import { Public } from '@incident/platform';
import { integrationKeyFrom } from '../http/integration-key';
import { RateLimitedFilter } from '../http/rate-limited.filter';
import { validateBody } from '../http/validate-body';
import { IntakeGateway } from '../ingest/intake-gateway';
import { TicketDto } from '@incident/contracts';
import { ticketSignal } from './ticket-signal';
import { requestCorrelationId } from '../http/request-correlation';

/** Customer tickets (urgent/high/normal/low; application or infrastructure), each its own incident. */
@Public()
@UseFilters(RateLimitedFilter)
@Controller('v1/tickets')
export class TicketsController {
  constructor(@Inject(IntakeGateway) private readonly intake: IntakeGateway) {}

  @Post()
  @HttpCode(202)
  async file(@Body() body: unknown, @Headers() headers: Record<string, string | undefined>) {
    const integration = await this.intake.admit(integrationKeyFrom(headers));
    const ticket = await validateBody(TicketDto, body);
    const ticketId = `ticket-${randomUUID()}`;
    await this.intake.route([ticketSignal(ticket, ticketId, integration, requestCorrelationId())]);
    return { status: 'success', message: 'Ticket filed', ticket_id: ticketId };
  }
}
