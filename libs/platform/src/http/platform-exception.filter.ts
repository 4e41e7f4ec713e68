import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { throwError, type Observable } from 'rxjs';
import { CORRELATION_HEADER } from '../logging/http-logging.middleware';
import { currentCorrelationId } from '../logging/request-context';
import { errorResponse } from './error-response';

/**
 * The one mapping from errors to HTTP answers, registered for every app by PlatformModule: domain refusals are
 * 4xx naming what was wrong, a lost race is 409 with Retry-After, HttpExceptions keep their own status, and
 * everything else is a 500 carrying only the correlation id. Controllers never translate errors themselves.
 */
@Catch()
export class PlatformExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    // Kafka handlers of a hybrid app: the transport decides (retry, dead letter) from the error itself.
    if (host.getType() !== 'http') return throwError(() => exception);
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const correlationId = currentCorrelationId() ?? String(response.getHeader(CORRELATION_HEADER) ?? 'unknown');
    const answer = errorResponse(exception, correlationId);
    if (answer.unexpected) {
      this.logger.error({ err: exception, correlationId, method: request.method, url: request.url }, 'request failed');
    }
    if (response.headersSent) return;
    if (answer.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(answer.retryAfterSeconds));
    response.status(answer.status).json(answer.body);
  }
}
