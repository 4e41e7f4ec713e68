import 'reflect-metadata';
import { bootstrapService } from '@incident/platform';
import { ConsoleModule } from './console.module';

void bootstrapService('console', ConsoleModule);
