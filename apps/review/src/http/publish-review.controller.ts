import { createHash, randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  ValidationPipe,
} from '@nestjs/common';
import type { Response } from 'express';
import { currentCorrelationId, CurrentPrincipal, type Principal, Roles } from '@incident/platform';
import { SIGN_OFF_ROLES } from '@incident/domain';
import { renderReviewHtml } from '../document/render-review-html';
import { renderReviewMarkdown } from '../document/render-review-markdown';
import { ReviewReader } from '../document/review-reader';
import { ReviewEditor, StaleRevisionError } from '../editing/review-editor';
import { expectedRevision, refusingStale } from './expected-revision';
import { PublishReviewDto } from './publish-review.dto';

const body = new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true });
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Publication: the review as it stands at the revision the publisher read is rendered as Markdown and as a
 * printable HTML page, and the sha256 of each recorded in ReviewPublished, appended at that very revision (so
 * what was hashed is what the history held). The technical lead and the project manager must have signed off
 * (the domain refuses with 409 naming the missing roles). The review service's consumer then tells the customer
 * and closes the incident as the policy says. Both documents can be fetched again at any time, rendered anew from
 * the history, with the recorded hash beside each.
 */
@Controller('v1/incidents/:incidentId/review')
export class PublishReviewController {
  constructor(
    @Inject(ReviewReader) private readonly reviews: ReviewReader,
    @Inject(ReviewEditor) private readonly editor: ReviewEditor,
  ) {}

  @Roles('responder')
  @Post('publish')
  @HttpCode(200)
  async publish(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Body(body) dto: PublishReviewDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ) {
    const expected = expectedRevision(ifMatch, dto.revision);
    const view = await this.reviews.view(incidentId);
    const publication = { summary: dto.summary, publishedBy: principal.subject, publishedAt: new Date().toISOString() };
    const renderedSha256 = sha256(renderReviewMarkdown(view.document, publication));
    const renderedHtmlSha256 = sha256(renderReviewHtml(view.document, publication));
    const stale = view.revision === expected ? null : new StaleRevisionError(incidentId, expected, view.revision);
    const context = {
      actor: { kind: 'user' as const, id: principal.subject },
      correlationId: currentCorrelationId() ?? randomUUID(),
    };
    const edit = stale
      ? Promise.reject(stale)
      : this.editor.edit(
          {
            type: 'PublishReview',
            data: { incidentId, ...publication, renderedSha256, renderedHtmlSha256, requiredSignOffs: SIGN_OFF_ROLES },
          },
          expected,
          context,
        );
    return { renderedSha256, renderedHtmlSha256, ...(await refusingStale(edit)) };
  }

  @Roles('responder', 'auditor')
  @Get('published.md')
  async markdown(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const published = await this.reviews.published(incidentId);
    if (!published) throw new NotFoundException(`the review of incident ${incidentId} is not published`);
    response.setHeader('Content-Type', 'text/markdown; charset=utf-8');
    if (published.recordedSha256) response.setHeader('X-Review-SHA256', published.recordedSha256);
    return published.markdown;
  }

  /** The printable page (self-contained: inline CSS and an SVG chart of the timeline), with its recorded hash. */
  @Roles('responder', 'auditor')
  @Get('published.html')
  async html(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const published = await this.reviews.published(incidentId);
    if (!published) throw new NotFoundException(`the review of incident ${incidentId} is not published`);
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    // Nothing on the page is fetched or run: a stored copy prints the same anywhere.
    response.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    if (published.recordedHtmlSha256) response.setHeader('X-Review-SHA256', published.recordedHtmlSha256);
    return published.html;
  }
}
