import 'reflect-metadata';
import { bootstrapService } from '@incident/platform';
import { ReviewModule } from './review.module';

void bootstrapService('review', ReviewModule);
