import 'reflect-metadata';
import { bootstrapService } from '@incident/platform';
import { connectEscalationEvents, EscalationModule } from './escalation.module';

void bootstrapService('escalation', EscalationModule, { connect: connectEscalationEvents });
