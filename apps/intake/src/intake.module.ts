import { Module } from '@nestjs/common';

/** The intake service. Its own providers arrive with the issues that build it; the platform supplies the rest. */
@Module({})
export class IntakeModule {}
