import { randomUUID } from 'node:crypto';
import { currentCorrelationId } from '@incident/platform';

/**
 * The correlation id an HTTP delivery's events carry: the request's own (the caller's `X-Correlation-Id` or
 * `X-Request-Id` when it looks like an id, else the one the platform made for it and echoed), so that a sender, a
 * log line and the incident's history name the same delivery. A fresh one only outside a request.
 */
export const requestCorrelationId = (): string => currentCorrelationId() ?? randomUUID();
