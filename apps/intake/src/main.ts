import 'reflect-metadata';
import { bootstrapService } from '@incident/platform';
import { IntakeModule } from './intake.module';

void bootstrapService('intake', IntakeModule);
