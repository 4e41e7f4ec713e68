import 'reflect-metadata';
import { bootstrapService } from '@incident/platform';
import { RemediationModule } from './remediation.module';

void bootstrapService('remediation', RemediationModule);
