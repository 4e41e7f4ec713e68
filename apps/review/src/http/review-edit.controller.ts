import { randomUUID } from 'node:crypto';
import {
  BadRequestException,
  Body,
  Controller,
  Headers,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  ValidationPipe,
} from '@nestjs/common';
import { DirectoryReader } from '@incident/directory';
import type { IncidentCommand } from '@incident/domain';
import { currentCorrelationId, CurrentPrincipal, type Principal, Roles } from '@incident/platform';
import { ReviewEditor } from '../editing/review-editor';
import { expectedRevision, refusingStale } from './expected-revision';
import { AddActionItemDto, CompleteActionItemDto, RecordRootCauseDto } from './review-edit.dto';

const body = new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true });

/**
 * The responders' part of a review: the analysis and the action items. Each edit names the revision it was
 * made on (If-Match or `revision`); a stale one gets 409 with the current revision. The domain's refusals (an
 * item added before the review started, completed twice) come back as 409 through the platform's filter.
 */
@Roles('responder')
@Controller('v1/incidents/:incidentId/review')
export class ReviewEditController {
  constructor(
    @Inject(ReviewEditor) private readonly editor: ReviewEditor,
    @Inject(DirectoryReader) private readonly directory: DirectoryReader,
  ) {}

  @Post('root-cause')
  @HttpCode(200)
  rootCause(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Body(body) dto: RecordRootCauseDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { revision, ...analysis } = dto;
    const command: IncidentCommand = {
      type: 'RecordRootCause',
      data: { incidentId, ...analysis, recordedBy: principal.subject, recordedAt: new Date().toISOString() },
    };
    return this.edit(command, expectedRevision(ifMatch, revision), principal);
  }

  @Post('action-items')
  @HttpCode(201)
  async addActionItem(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Body(body) dto: AddActionItemDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ) {
    const { revision, ...item } = dto;
    const expected = expectedRevision(ifMatch, revision);
    const people = this.directory.current()?.directory.people ?? [];
    if (!people.some((person) => person.id === item.owner)) {
      throw new BadRequestException(`owner: ${item.owner} is not a person of the directory`);
    }
    const actionItemId = randomUUID();
    const command: IncidentCommand = {
      type: 'AddActionItem',
      data: { incidentId, actionItemId, ...item, addedAt: new Date().toISOString() },
    };
    return { actionItemId, ...(await this.edit(command, expected, principal)) };
  }

  @Post('action-items/:actionItemId/complete')
  @HttpCode(200)
  completeActionItem(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Param('actionItemId') actionItemId: string,
    @Body(body) dto: CompleteActionItemDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ) {
    const command: IncidentCommand = {
      type: 'CompleteActionItem',
      data: {
        incidentId,
        actionItemId,
        evidence: dto.evidence,
        completedBy: principal.subject,
        completedAt: new Date().toISOString(),
      },
    };
    return this.edit(command, expectedRevision(ifMatch, dto.revision), principal);
  }

  private edit(command: IncidentCommand, revision: number, principal: Principal) {
    const context = {
      actor: { kind: 'user' as const, id: principal.subject },
      correlationId: currentCorrelationId() ?? randomUUID(),
    };
    return refusingStale(this.editor.edit(command, revision, context));
  }
}
