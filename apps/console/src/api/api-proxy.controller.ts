import { All, Controller, Inject, NotFoundException, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import {
  currentCorrelationId,
  mintToken,
  PINO_LOGGER,
  PLATFORM_CONFIG,
  type PlatformConfig,
  Public,
} from '@incident/platform';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../console.config';
import { ConsoleSessions } from '../sessions/console-sessions';
import { callUpstream } from './upstream-call';
import { routeOwner } from './route-owners';

/**
 * `/api/<path>` → the service that owns `<path>`, as the signed-in person: a bearer token minted for the
 * session's subject and role, valid a minute. The services decide what that role may do; the console adds only
 * the session and, for writes, the CSRF check. It never answers CORS, so only its own pages can call it.
 */
@Public()
@Controller('api')
export class ApiProxyController {
  constructor(
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    @Inject(ConsoleSessions) private readonly sessions: ConsoleSessions,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
  ) {}

  @All('*path')
  async forward(@Req() req: Request, @Res() res: Response): Promise<void> {
    const session = await this.sessions.require(req);
    if (req.method !== 'GET' && req.method !== 'HEAD') this.sessions.requireCsrf(session, req);
    const url = new URL(req.originalUrl, 'http://console.invalid');
    const path = url.pathname.replace(/^\/api\//, '');
    const service = routeOwner(req.method, path);
    if (!service) throw new NotFoundException(`the console forwards no ${req.method} /api/${path}`);
    const bearer = mintToken(
      { secret: this.platform.authJwtSecret, issuer: this.platform.authJwtIssuer },
      {
        subject: session.subject,
        roles: [session.role],
        ...(session.customerId !== undefined && { customerId: session.customerId }),
        expiresIn: this.config.upstreamTokenSeconds,
      },
    );
    const target = new URL(`/${path}${url.search}`, `${this.config.upstreams[service]}/`);
    let answer;
    try {
      answer = await callUpstream(req, target, bearer, currentCorrelationId());
    } catch (error) {
      this.logger.warn({ err: error, service, path }, 'upstream call failed');
      res.status(502).json({
        statusCode: 502,
        error: 'Bad Gateway',
        message: `the ${service} service did not answer; try again in a moment`,
        service,
      });
      return;
    }
    res.status(answer.status).set(answer.headers).send(answer.body);
  }
}
