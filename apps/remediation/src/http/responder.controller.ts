import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post, ValidationPipe } from '@nestjs/common';
import type { IncidentCommand } from '@incident/domain';
import { IncidentCommandHandler } from '@incident/event-store';
import { currentCorrelationId, CurrentPrincipal, type Principal, Roles } from '@incident/platform';
import { LiftContainmentDto, MitigateDto, ResolveDto } from './responder.dto';

const validation = new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true });

/**
 * A responder closes the loop on remediation: mitigate (naming the executed remediation or the containment that
 * did it), resolve, lift a containment. The domain checks that what is named is on record; the platform's filter
 * answers 400/404/409.
 */
@Roles('responder')
@Controller('v1/incidents/:incidentId')
export class ResponderController {
  constructor(@Inject(IncidentCommandHandler) private readonly commands: IncidentCommandHandler) {}

  @Post('mitigate')
  @HttpCode(200)
  mitigate(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Body(validation) dto: MitigateDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    const achievedBy = dto.achievedBy && { kind: dto.achievedBy.kind, id: dto.achievedBy.id };
    const data = {
      incidentId,
      mitigatedBy: principal.subject,
      summary: dto.summary,
      ...(achievedBy && { achievedBy }),
    };
    return this.execute(principal, {
      type: 'MitigateIncident',
      data: { ...data, mitigatedAt: new Date().toISOString() },
    });
  }

  @Post('resolve')
  @HttpCode(200)
  resolve(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Body(validation) dto: ResolveDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    const data = { incidentId, resolvedBy: principal.subject, summary: dto.summary };
    return this.execute(principal, {
      type: 'ResolveIncident',
      data: { ...data, resolvedAt: new Date().toISOString() },
    });
  }

  @Post('containments/:containmentId/lift')
  @HttpCode(200)
  lift(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Param('containmentId') containmentId: string,
    @Body(validation) dto: LiftContainmentDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    const data = { incidentId, containmentId, liftedBy: principal.subject, ...dto };
    return this.execute(principal, { type: 'LiftContainment', data: { ...data, liftedAt: new Date().toISOString() } });
  }

  private async execute(principal: Principal, command: IncidentCommand) {
    const outcome = await this.commands.execute(command, {
      actor: { kind: 'user', id: principal.subject },
      correlationId: currentCorrelationId() ?? randomUUID(),
    });
    return { events: outcome.events.map((event) => event.type), duplicate: outcome.duplicate };
  }
}
