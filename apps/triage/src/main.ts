import 'reflect-metadata';
import { bootstrapService } from '@incident/platform';
import { TriageModule } from './triage.module';

void bootstrapService('triage', TriageModule);
