import { Injectable, type INestApplication, type OnModuleInit } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost, ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/**
 * Serves the OpenAPI document at /docs-json and Swagger UI at /docs. They describe the API and expose no data,
 * so they are open: SwaggerModule adds them as plain HTTP-adapter routes, which the global AuthGuard (it guards
 * Nest routes only) never sees.
 *
 * SwaggerModule wants the INestApplication, which the platform's bootstrapService keeps to itself; it only
 * reads the module container, the application config and the HTTP adapter from it, all of which Nest injects.
 * Set up in onModuleInit: after Nest registered its routes and before its 404 handler, so these are reachable.
 */
@Injectable()
export class OpenApiDocs implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly modules: ModulesContainer,
    private readonly applicationConfig: ApplicationConfig,
  ) {}

  onModuleInit(): void {
    const httpAdapter = this.adapterHost.httpAdapter;
    if (!httpAdapter) return;
    const app = {
      container: { getModules: () => this.modules, isGlobalModule: () => false },
      config: this.applicationConfig,
      getHttpAdapter: () => httpAdapter,
      useStaticAssets: (path: string, options: object) => httpAdapter.useStaticAssets?.(path, options),
    } as unknown as INestApplication;
    const description =
      'Dashboard API over the PostgreSQL read models (eventually consistent with the event store), and the ' +
      'auditor API over the event store itself. Every route needs a bearer token; see the README.';
    const config = new DocumentBuilder()
      .setTitle('Incident platform: query service')
      .setDescription(description)
      .setVersion('1')
      .addBearerAuth()
      .build();
    // A factory: the document is built on first request, when every module's controllers are known.
    SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'docs-json' });
  }
}
