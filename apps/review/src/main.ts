import 'reflect-metadata';
import { bootstrapService } from '@incident/platform';
import { connectReviewEvents, ReviewModule } from './review.module';

void bootstrapService('review', ReviewModule, { connect: connectReviewEvents });
