import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  ValidationPipe,
} from '@nestjs/common';
import { OnCallQueries } from '@incident/directory';
import { CurrentPrincipal, currentCorrelationId, type Principal, Roles } from '@incident/platform';
import { overrideProblems } from '../oncall/override-problems';
import { ScheduleOverrideDto } from './schedule-override.dto';

const context = (who: Principal) => ({
  actor: { kind: 'user' as const, id: who.subject },
  correlationId: currentCorrelationId() ?? randomUUID(),
  occurredAt: new Date().toISOString(),
});

/** Overrides made through the API: any staff role reads them, an admin makes and removes them. */
@Controller('v1/schedules/:scheduleId/overrides')
export class ScheduleOverridesController {
  constructor(@Inject(OnCallQueries) private readonly queries: OnCallQueries) {}

  @Get()
  async list(@Param('scheduleId') scheduleId: string) {
    await this.scheduleOrNotFound(scheduleId, new Date());
    return { overrides: (await this.queries.overrides.list()).filter((o) => o.scheduleId === scheduleId) };
  }

  @Roles('admin')
  @Post()
  async add(
    @Param('scheduleId') scheduleId: string,
    @Body(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true })) body: ScheduleOverrideDto,
    @CurrentPrincipal() who: Principal,
  ) {
    const now = new Date();
    const directory = await this.scheduleOrNotFound(scheduleId, now);
    const problems = overrideProblems(directory, scheduleId, body, now);
    if (problems.length > 0) throw new BadRequestException(problems);
    const override = {
      scheduleId,
      person: body.person,
      layer: body.layer ?? null,
      from: new Date(body.from).toISOString(),
      until: new Date(body.until).toISOString(),
      reason: body.reason ?? null,
    };
    return this.queries.overrides.add(override, context(who));
  }

  @Roles('admin')
  @Delete(':overrideId')
  @HttpCode(204)
  async remove(
    @Param('scheduleId') scheduleId: string,
    @Param('overrideId', new ParseUUIDPipe()) overrideId: string,
    @CurrentPrincipal() who: Principal,
  ): Promise<void> {
    if (!(await this.queries.overrides.remove(scheduleId, overrideId, context(who)))) {
      throw new NotFoundException(`schedule ${scheduleId} has no override ${overrideId} in force`);
    }
  }

  private async scheduleOrNotFound(scheduleId: string, at: Date) {
    const answer = await this.queries.schedule(scheduleId, at);
    if (!answer.found) throw new NotFoundException(answer.reason);
    return answer.directory;
  }
}
