import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PlatformMetrics } from './metrics-registry';

type RoutedRequest = IncomingMessage & { route?: { path?: string }; baseUrl?: string };

/**
 * Times every request. The label is the route template (`/v1/incidents/:id`), never the raw URL, so ids in
 * paths cannot blow up the number of series; unmatched paths share one label.
 */
export function httpMetricsMiddleware(metrics: PlatformMetrics) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const stop = metrics.httpRequestDuration.startTimer();
    res.once('finish', () => {
      const routed = req as RoutedRequest;
      const route = routed.route?.path ? `${routed.baseUrl ?? ''}${routed.route.path}` : 'unmatched';
      stop({ method: req.method ?? 'UNKNOWN', route, status_code: String(res.statusCode) });
    });
    next();
  };
}
