import 'reflect-metadata';
import { bootstrapService } from '@incident/platform';
import { QueryModule } from './query.module';

void bootstrapService('query', QueryModule);
