import { randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  ForbiddenException,
  Headers,
  HttpCode,
  Inject,
  Param,
  ParseUUIDPipe,
  Post,
  ValidationPipe,
} from '@nestjs/common';
import { DirectoryReader } from '@incident/directory';
import { currentCorrelationId, CurrentPrincipal, type Principal, Roles } from '@incident/platform';
import { ReviewReader } from '../document/review-reader';
import { ReviewEditor } from '../editing/review-editor';
import { signOffRefusal } from '../rules/sign-off-authority';
import { expectedRevision, refusingStale } from './expected-revision';
import { SignOffReviewDto } from './sign-off.dto';

/**
 * Sign-off: the owning team's technical lead and project manager (as the directory names them) approve the
 * review, each on the revision they read (If-Match or `revision`, as every edit). Anyone else gets 403 naming
 * the role; the domain refuses a second sign-off in a role, and a later change to the analysis or the action
 * items withdraws both (they approved something else).
 */
@Roles('responder')
@Controller('v1/incidents/:incidentId/review')
export class SignOffController {
  constructor(
    @Inject(ReviewReader) private readonly reviews: ReviewReader,
    @Inject(ReviewEditor) private readonly editor: ReviewEditor,
    @Inject(DirectoryReader) private readonly directory: DirectoryReader,
  ) {}

  @Post('sign-off')
  @HttpCode(200)
  async signOff(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Body(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true })) dto: SignOffReviewDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ) {
    const expected = expectedRevision(ifMatch, dto.revision);
    const { document } = await this.reviews.view(incidentId);
    const refusal = signOffRefusal(
      this.directory.current()?.directory,
      document.owningTeam,
      dto.role,
      principal.subject,
    );
    if (refusal) throw new ForbiddenException(refusal);
    const context = {
      actor: { kind: 'user' as const, id: principal.subject },
      correlationId: currentCorrelationId() ?? randomUUID(),
    };
    const command = {
      type: 'SignOffReview' as const,
      data: { incidentId, role: dto.role, signedOffBy: principal.subject, signedOffAt: new Date().toISOString() },
    };
    return { role: dto.role, ...(await refusingStale(this.editor.edit(command, expected, context))) };
  }
}
