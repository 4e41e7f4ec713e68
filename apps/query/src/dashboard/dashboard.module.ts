import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { IncidentsController } from './incidents.controller';
import { ResponseMetricsController } from './response-metrics.controller';

/** The dashboard API: incidents, their timelines and response figures, from the read models. */
@Module({ imports: [ReadModelsModule], controllers: [IncidentsController, ResponseMetricsController] })
export class DashboardModule {}
