import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { json, type NextFunction, type Request, type Response } from 'express';

/** PagerDuty's limit on an event: larger bodies get 413. */
export const MAX_BODY = '512kb';
export const MAX_BODY_BYTES = 512 * 1024;

/** The answers to a body too large or not JSON, in the intake's error shape. */
export const BODY_TOO_LARGE = { status: 'invalid event', message: 'Request entity too large', errors: [] };
export const BODY_NOT_JSON = {
  status: 'invalid event',
  message: 'Event object is invalid',
  errors: ['body: is not valid JSON'],
};

/**
 * Replaces Nest's JSON body parser (100 KB, and errors that become a bare 400 or a 500) with one that takes
 * 512 KB and answers malformed or oversize bodies itself, in the intake's error shape. Nest skips installing
 * its own parser when a middleware named `jsonParser` is already in place, so this must run before app init:
 * a provider's constructor does.
 */
@Injectable()
export class JsonBodyParser {
  constructor(adapterHost: HttpAdapterHost) {
    const parse = json({ limit: MAX_BODY, type: () => true });
    const jsonParser = (request: Request, response: Response, next: NextFunction): void => {
      if (request.method === 'GET' || request.method === 'DELETE' || request.method === 'HEAD') return next();
      parse(request, response, (error?: unknown) => {
        if (!error) return next();
        const status = (error as { status?: number }).status ?? 400;
        if (status === 413) {
          response.status(413).json(BODY_TOO_LARGE);
          return;
        }
        response.status(400).json(BODY_NOT_JSON);
      });
    };
    adapterHost.httpAdapter.use(jsonParser);
  }
}
