import { Module } from '@nestjs/common';
import { OpenApiDocs } from './openapi.docs';

@Module({ providers: [OpenApiDocs] })
export class OpenApiModule {}
