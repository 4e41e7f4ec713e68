import { randomUUID } from 'node:crypto';
import { BadRequestException, Controller, Get, NotFoundException, Put, Query, Req } from '@nestjs/common';
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
@Controller('v1/directory')
export class DirectoryController {
  constructor(private readonly versions: DirectoryVersions) {}

  /** The version in force now, or at `?at=` (by the time the platform recorded each version). */
  @Get()
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
