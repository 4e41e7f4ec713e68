import { Module } from '@nestjs/common';

/** The auditor API: history, state at a past moment and hash-chain verification, read from the event store. */
@Module({})
export class AuditModule {}
