import { randomUUID } from 'node:crypto';
import { BadRequestException, Controller, Get, NotFoundException, Put, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { directoryOf, type DirectoryVersion, DirectoryVersions, formatDirectoryError } from '@incident/directory';
import { CurrentPrincipal, currentCorrelationId, type Principal, Roles } from '@incident/platform';
import { directoryText } from './directory-body';

const view = (version: DirectoryVersion) => ({
  version: version.version,
  sha256: version.sha256,
  fileName: version.fileName,
  appliedAt: version.appliedAt,
  appliedBy: version.appliedBy,
  summary: version.summary,
  directory: directoryOf(version),
  yaml: version.yaml,
});

function parseAt(at: string | undefined): Date | undefined {
  if (at === undefined) return undefined;
  const moment = new Date(at);
  if (Number.isNaN(moment.getTime())) throw new BadRequestException('at must be an ISO-8601 time');
  return moment;
}

/** The directory over HTTP: any authenticated caller reads it, an admin applies a new version. */
@ApiTags('directory')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid bearer token.' })
@Controller('v1/directory')
export class DirectoryController {
  constructor(private readonly versions: DirectoryVersions) {}

  /** The version in force now, or at `?at=` (by the time the platform recorded each version). */
  @Get()
  @ApiQuery({ name: 'at', required: false, description: 'ISO-8601 time: the version in force then' })
  @ApiOkResponse({ description: 'The version: number, sha256, who applied it and when, the directory, its YAML.' })
  @ApiNotFoundResponse({ description: 'No version was in force (yet, or at that time).' })
  async show(@Query('at') at?: string) {
    const version = await this.versions.versionAt(parseAt(at));
    if (!version)
      throw new NotFoundException(
        at ? `no directory version was in force at ${at}` : 'no directory version has been applied',
      );
    return view(version);
  }

  /** Applies the body as the next version; the same text as the version in force makes none. */
  @Roles('admin')
  @Put()
  @ApiConsumes('application/yaml', 'application/json')
  @ApiBody({ description: 'The directory YAML, or JSON {"yaml": "<the directory>"}', schema: { type: 'string' } })
  @ApiOkResponse({ description: 'applied: false when the text equals the version in force (no new version).' })
  @ApiBadRequestResponse({ description: 'errors: [{ file, line, path, message, text }]' })
  @ApiForbiddenResponse({ description: 'The token has no admin role.' })
  async apply(@Req() request: Request, @CurrentPrincipal() who: Principal) {
    const text = await directoryText(request);
    const outcome = await this.versions.apply(text, 'directory.yaml', {
      actor: { kind: 'user', id: who.subject },
      correlationId: currentCorrelationId() ?? randomUUID(),
      occurredAt: new Date().toISOString(),
    });
    if ('errors' in outcome) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `the directory has ${outcome.errors.length} error(s)`,
        errors: outcome.errors.map((error) => ({ ...error, text: formatDirectoryError(error) })),
      });
    }
    return { applied: outcome.applied, ...view(outcome.version) };
  }
}
