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
import { currentCorrelationId, CurrentPrincipal, type Principal, Roles } from '@incident/platform';
import { ReviewReader } from '../document/review-reader';
import { ReviewEditor } from '../editing/review-editor';
import { waiverRefusal } from '../rules/waiver-authority';
import { expectedRevision, refusingStale } from './expected-revision';
import { WaiveReviewDto } from './waive-review.dto';

/**
 * Waiving a required review, with a reason, on the revision the caller read (If-Match or `revision`, as every
 * edit). Who may waive is the review policy's `waivableBy` for this review, in the version in force when the
 * incident was resolved: anyone else gets 403 naming the roles that may. The domain refuses a published review,
 * a closed incident or one that needs no review (409). The review service's consumer then closes the incident.
 * Responders and admins reach the route (the roles a policy can name); the policy decides which of them may.
 */
@Roles('responder')
@Controller('v1/incidents/:incidentId/review')
export class WaiveReviewController {
  constructor(
    @Inject(ReviewReader) private readonly reviews: ReviewReader,
    @Inject(ReviewEditor) private readonly editor: ReviewEditor,
  ) {}

  @Post('waive')
  @HttpCode(200)
  async waive(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Body(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true })) dto: WaiveReviewDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ) {
    const expected = expectedRevision(ifMatch, dto.revision);
    const { requirement } = await this.reviews.view(incidentId);
    const refusal = waiverRefusal(requirement, principal.roles);
    if (refusal) throw new ForbiddenException(refusal);
    const context = {
      actor: { kind: 'user' as const, id: principal.subject },
      correlationId: currentCorrelationId() ?? randomUUID(),
    };
    const command = {
      type: 'WaiveReview' as const,
      data: { incidentId, reason: dto.reason, waivedBy: principal.subject, waivedAt: new Date().toISOString() },
    };
    return { reason: dto.reason, ...(await refusingStale(this.editor.edit(command, expected, context))) };
  }
}
