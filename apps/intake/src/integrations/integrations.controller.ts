import { Body, Controller, Delete, Get, HttpCode, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import { Roles } from '@incident/platform';
import { validateBody } from '../http/validate-body';
import { IntegrationAuthenticator } from './integration-authenticator';
import { CreateIntegrationDto, IntegrationRepository } from '@incident/contracts';

/** Admin API of integration keys; the key itself is returned by create, once, and never again. */
@Roles('admin')
@Controller('v1/integrations')
export class IntegrationsController {
  constructor(
    @Inject(IntegrationRepository) private readonly repository: IntegrationRepository,
    @Inject(IntegrationAuthenticator) private readonly authenticator: IntegrationAuthenticator,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown) {
    const input = await validateBody(CreateIntegrationDto, body);
    const { integration, key } = await this.repository.create({ ...input, groupBy: input.groupBy ?? [] });
    return { integration, key, note: 'store this key now: it is kept only as a hash and cannot be shown again' };
  }

  @Get()
  async list() {
    return { integrations: await this.repository.list() };
  }

  @Delete(':id')
  async revoke(@Param('id') id: string) {
    const integration = await this.repository.revoke(id);
    if (!integration) throw new NotFoundException(`no integration ${id}`);
    this.authenticator.forget();
    return { integration };
  }
}
