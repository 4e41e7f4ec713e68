import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { EscalationViewsController } from './escalation-views.controller';

/** Pages and SLA clocks at risk (issue 15), from the read models. */
@Module({ imports: [ReadModelsModule], controllers: [EscalationViewsController] })
export class EscalationViewsModule {}
