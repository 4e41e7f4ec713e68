import { Controller, Get, Inject, Param, ParseUUIDPipe } from '@nestjs/common';
import { Roles } from '@incident/platform';
import { ReviewReader, type ReviewView } from '../document/review-reader';

/** The review document, built from the history; staff only (a customer sees the published review, later). */
@Roles('responder', 'auditor')
@Controller('v1/incidents')
export class ReviewController {
  constructor(@Inject(ReviewReader) private readonly reviews: ReviewReader) {}

  @Get(':incidentId/review')
  review(@Param('incidentId', new ParseUUIDPipe()) incidentId: string): Promise<ReviewView> {
    return this.reviews.view(incidentId);
  }
}
