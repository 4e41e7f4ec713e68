import { Module } from '@nestjs/common';

/** The relay service. Its own providers arrive with the issues that build it; the platform supplies the rest. */
@Module({})
export class RelayModule {}
