import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { ActionItemsController } from './action-items.controller';
import { ResponseFiguresController } from './response-figures.controller';

/** Issue 17 on the read side: action items per team, and MTTA/MTTR/time to review per team and category. */
@Module({ imports: [ReadModelsModule], controllers: [ActionItemsController, ResponseFiguresController] })
export class ReviewViewsModule {}
