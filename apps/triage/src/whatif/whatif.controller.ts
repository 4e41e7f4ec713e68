import { BadRequestException, Body, Controller, HttpCode, Inject, Post, Res, ValidationPipe } from '@nestjs/common';
import type { Response } from 'express';
import {
  formatTriageRulesError,
  parseTriageRules,
  runWhatIf,
  type WhatIfReport,
  whatIfCsv,
  whatIfPeriod,
} from '@incident/directory';
import { EVENT_STORE, type EventStore } from '@incident/event-store';
import { Roles } from '@incident/platform';
import { WhatIfRequestDto } from './whatif-request.dto';

/**
 * What a proposed rule set would have decided over real history, next to what was decided. Read-only: it
 * replays the store's global log and writes nothing, so auditors may run it as well as admins.
 */
@Roles('admin', 'auditor')
@Controller('v1/triage')
export class WhatIfController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Post('whatif')
  @HttpCode(200)
  async whatIf(
    @Body(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true })) body: WhatIfRequestDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WhatIfReport | string> {
    const fileName = body.fileName ?? 'proposed.yaml';
    const parsed = parseTriageRules(body.rules, fileName);
    if ('errors' in parsed) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `${fileName} has ${parsed.errors.length} error(s)`,
        errors: parsed.errors.map((error) => ({ ...error, text: formatTriageRulesError(error) })),
      });
    }
    // The clock is read here, at the edge: the period is the only thing in a what-if that depends on now.
    const period = whatIfPeriod(body, new Date());
    if ('error' in period) throw new BadRequestException(period.error);
    const report = await runWhatIf(this.store, parsed.ruleSet, { period });
    if (body.format !== 'csv') return report;
    response.type('text/csv').setHeader('Content-Disposition', 'attachment; filename="triage-whatif.csv"');
    return whatIfCsv(report.rows);
  }
}
