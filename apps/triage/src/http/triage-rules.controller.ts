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
import { DirectoryReader } from '@incident/directory';
import { Roles } from '@incident/platform';
import { IncidentFacts, openedOf } from '../incident-facts';
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
import { ServiceChanges } from '../service-changes';
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
    @Inject(IncidentFacts) private readonly incidents: IncidentFacts,
    @Inject(ServiceChanges) private readonly changes: ServiceChanges,
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
    const facts = await this.factsFor(dto, ruleSet);
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

  /**
   * An incident's alert as it opened, or an alert as given, with the directory held now: explain answers how the
   * rules (in force, or proposed) decide today. Time and maintenance windows look at the moment it opened, and
   * so do the service's changes: an incident's as recorded when it opened (what triage saw), an alert's as now.
   */
  private async factsFor(dto: ExplainDto, ruleSet: TriageRuleSet): Promise<TriageFacts> {
    if (dto.incidentId !== undefined) {
      const incident = await this.incidents.now(dto.incidentId);
      const opened = openedOf(incident);
      const recordedBy = incident.history[0]?.metadata.recordedAt ?? opened.openedAt;
      const changes = await this.changes.before(opened, ruleSet, opened.openedAt, recordedBy);
      return triageFactsOf(opened, this.directory.current()?.directory, opened.openedAt, changes);
    }
    if (dto.alert === undefined) throw new BadRequestException('give incidentId or alert');
    const { alert } = dto;
    const at = alert.at ?? new Date().toISOString();
    const changes = await this.changes.before(alert, ruleSet, at, new Date().toISOString());
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
      changes,
    );
  }
}
