import 'reflect-metadata';
import { bootstrapService } from '@incident/platform';
import { connectTriageEvents, TriageModule } from './triage.module';

void bootstrapService('triage', TriageModule, { connect: connectTriageEvents });
