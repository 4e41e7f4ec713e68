import { Module } from '@nestjs/common';
import { DirectoryModule } from '@incident/directory';
import { ReadModelsModule } from '../read-models/read-models.module';
import { CustomerHoursController } from './customer-hours.controller';

/** Customers' pre-approved hours per month; the directory gives the budget of a month nothing was logged in. */
@Module({ imports: [ReadModelsModule, DirectoryModule], controllers: [CustomerHoursController] })
export class CustomerHoursModule {}
