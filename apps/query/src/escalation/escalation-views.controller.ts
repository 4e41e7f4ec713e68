import { BadRequestException, Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@incident/platform';
import { incidentPages, type OncallPage, slaClocksAtRisk, type SlaStatus } from '@incident/read-models';
import { DataSource } from 'typeorm';

const incidentId = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a UUID') });

/** What the escalation service did, as the read models show it: an incident's pages, and SLA clocks at risk. */
@ApiTags('escalation')
@ApiBearerAuth()
@Roles('responder', 'auditor')
@Controller('v1')
export class EscalationViewsController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('incidents/:id/pages')
  @ApiOkResponse({ description: "The incident's pages (oncall_page), oldest first." })
  async pages(@Param('id', incidentId) id: string): Promise<{ items: OncallPage[] }> {
    return { items: await incidentPages(this.dataSource, id) };
  }

  @Get('sla/at-risk')
  @ApiOkResponse({ description: 'Running SLA clocks due within `withinMinutes` (overdue included), soonest first.' })
  async atRisk(@Query('withinMinutes') within: string | undefined): Promise<{ items: SlaStatus[] }> {
    const withinMinutes = within === undefined ? 30 : Number(within);
    if (!Number.isInteger(withinMinutes) || withinMinutes < 0 || withinMinutes > 7 * 24 * 60) {
      throw new BadRequestException('withinMinutes must be a whole number of minutes from 0 to 10080');
    }
    return { items: await slaClocksAtRisk(this.dataSource, withinMinutes, new Date()) };
  }
}
