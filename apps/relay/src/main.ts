import 'reflect-metadata';
import { bootstrapService } from '@incident/platform';
import { RelayModule } from './relay.module';

void bootstrapService('relay', RelayModule);
