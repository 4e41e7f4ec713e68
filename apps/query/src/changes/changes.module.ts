import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { ChangesController } from './changes.controller';

/** Changes per service and customer, and the changes before an incident (issue 21). */
@Module({ imports: [ReadModelsModule], controllers: [ChangesController] })
export class ChangesModule {}
