import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { RateLimited } from '../integrations/rate-limiter';

/** 429 with Retry-After, as PagerDuty clients expect before they back off. */
@Catch(RateLimited)
export class RateLimitedFilter implements ExceptionFilter {
  catch(exception: RateLimited, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    response.status(429).json(exception.getResponse());
  }
}
