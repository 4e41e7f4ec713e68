import 'reflect-metadata';
import { bootstrapService } from '@incident/platform';
import { EscalationModule } from './escalation.module';

void bootstrapService('escalation', EscalationModule);
