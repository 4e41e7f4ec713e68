import { Controller, Get, Inject, NotFoundException, Query } from '@nestjs/common';
import { OnCallQueries } from '@incident/directory';
import { parseAt } from './parse-at';

/** Who is on call, for any staff role (no @Roles: responders, admins and auditors; no customer). */
@Controller('v1/oncall')
export class OnCallController {
  constructor(@Inject(OnCallQueries) private readonly queries: OnCallQueries) {}

  /** `?team=` narrows to one team and the schedules its policy names; `?at=` asks about another moment. */
  @Get()
  async show(@Query('team') team?: string, @Query('at') at?: string) {
    const answer = await this.queries.view(parseAt(at), team === '' ? undefined : team);
    if (!answer.found) throw new NotFoundException(answer.reason);
    return answer.view;
  }
}
