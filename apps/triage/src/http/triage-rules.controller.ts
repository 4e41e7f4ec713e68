import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Post,
  Query,
  ValidationPipe,
} from '@nestjs/common';
import { DirectoryReader, DirectoryVersions, directoryOf } from '@incident/directory';
import type { IncidentOpened } from '@incident/domain';
import { Roles } from '@incident/platform';
import { IncidentFacts } from '../incident-facts';
import {
  evaluateTriage,
  formatTriageRulesError,
  parseTriageRules,
  type TriageFacts,
  triageFactsOf,
  type TriageRuleSet,
  type TriageRuleSetVersion,
} from '../rules';
import { TriageRuleSetSource } from '../triage-rule-set.source';
import { ExplainDto } from './explain.dto';

function parseAt(at: string | undefined): Date | undefined {
  if (at === undefined) return undefined;
  const moment = new Date(at);
  if (Number.isNaN(moment.getTime())) throw new BadRequestException('at must be an ISO-8601 time');
  return moment;
}

/**
 * The rules over HTTP, read-only: the version in force now or at a past moment, and explain (an incident or an
 * alert in, the decision and every rule's match or miss out). Nothing here writes; applying is incidentctl's.
 */
@Roles('responder', 'auditor')
@Controller('v1/triage')
export class TriageRulesController {
  constructor(
    @Inject(TriageRuleSetSource) private readonly rules: TriageRuleSetSource,
    @Inject(DirectoryReader) private readonly directory: DirectoryReader,
    @Inject(DirectoryVersions) private readonly directoryVersions: DirectoryVersions,
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
  ) {}

  /** The version in force now, or at `?at=` (by the time the platform recorded each version). */
  @Get('rules')
  async show(@Query('at') at?: string) {
    const version = await this.rules.versions.versionAt(parseAt(at));
    if (!version) {
      throw new NotFoundException(
        at ? `no triage rule set was in force at ${at}` : 'no triage rule set has been applied',
      );
    }
    return this.view(version);
  }

  @Post('explain')
  @HttpCode(200)
  async explain(
    @Body(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true })) dto: ExplainDto,
  ) {
    const ruleSet = this.ruleSetFor(dto.rules);
    const facts = await this.factsFor(dto);
    return { facts, ...evaluateTriage(facts, ruleSet) };
  }

  private view(version: TriageRuleSetVersion) {
    const { yaml, ...rest } = version;
    return { ...rest, ruleSet: this.rules.versions.valueOf(version), yaml };
  }

  private ruleSetFor(rules: string | undefined): TriageRuleSet {
    if (rules !== undefined) {
      const parsed = parseTriageRules(rules, 'proposed.yaml');
      if ('errors' in parsed) {
        throw new BadRequestException({
          statusCode: 400,
          error: 'Bad Request',
          message: `the rule set has ${parsed.errors.length} error(s)`,
          errors: parsed.errors.map((error) => ({ ...error, text: formatTriageRulesError(error) })),
        });
      }
      return parsed.ruleSet;
    }
    const current = this.rules.current();
    if (!current) throw new NotFoundException('no triage rule set has been applied');
    return current;
  }

  /** An incident's facts as when it opened (the directory version of that moment); an alert's as given. */
  private async factsFor(dto: ExplainDto): Promise<TriageFacts> {
    if (dto.incidentId !== undefined) {
      const { history } = await this.incidents.now(dto.incidentId);
      const opened = history[0]!.data as IncidentOpened['data'];
      const version = await this.directoryVersions.versionAt(new Date(opened.openedAt));
      return triageFactsOf(opened, version && directoryOf(version), opened.openedAt);
    }
    if (dto.alert === undefined) throw new BadRequestException('give incidentId or alert');
    const { alert } = dto;
    const at = alert.at ?? new Date().toISOString();
    return triageFactsOf(
      {
        source: alert.source,
        customerId: alert.customerId,
        service: alert.service,
        title: alert.title ?? alert.service,
        category: alert.category ?? null,
        severity: alert.severity ?? null,
        labels: alert.labels ?? {},
        drill: alert.drill ?? false,
      },
      this.directory.current()?.directory,
      at,
    );
  }
}
