import { Controller, Get, Inject, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '@incident/platform';
import { ReviewReader, type ReviewView } from '../document/review-reader';

/** The review document, built from the history; staff only (a customer sees the published review, later). */
@Roles('responder', 'auditor')
@Controller('v1/incidents')
export class ReviewController {
  constructor(@Inject(ReviewReader) private readonly reviews: ReviewReader) {}

  @Get(':incidentId/review')
  async review(
    @Param('incidentId', new ParseUUIDPipe()) incidentId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReviewView> {
    const view = await this.reviews.view(incidentId);
    // The entity tag an editor sends back as If-Match.
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }
}
