import 'reflect-metadata';
import { bootstrapService } from '@incident/platform';
import { connectRemediationEvents, RemediationModule } from './remediation.module';

void bootstrapService('remediation', RemediationModule, { connect: connectRemediationEvents });
