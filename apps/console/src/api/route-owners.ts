import type { UpstreamService } from '../console.config';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RouteRule {
  readonly methods: readonly HttpMethod[];
  readonly path: RegExp;
  readonly service: UpstreamService;
}

const ANY: readonly HttpMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
const READ: readonly HttpMethod[] = ['GET', 'HEAD'];
const WRITE: readonly HttpMethod[] = ['POST', 'PUT', 'PATCH', 'DELETE'];
const INCIDENT = 'v1/incidents/[^/]+';

/**
 * Which service answers `/api/<path>`, first match wins: each service's own routes (apps/<app>/src/**\/*.controller.ts),
 * then every other read to query, which owns the read models. A write no rule names is refused (404) rather than
 * guessed. Left out on purpose: alert intake (integration keys, not people) and one-click links (their own token).
 */
const RULES: readonly RouteRule[] = [
  { methods: ANY, path: new RegExp(`^${INCIDENT}/review(/.*)?$`), service: 'review' },
  { methods: WRITE, path: new RegExp(`^${INCIDENT}/(acknowledge|escalate|reassign)$`), service: 'escalation' },
  { methods: READ, path: /^v1\/oncall$/, service: 'escalation' },
  { methods: ANY, path: /^v1\/schedules\/.+$/, service: 'escalation' },
  {
    methods: WRITE,
    path: new RegExp(`^${INCIDENT}/(triage|severity|no-action|return-to-customer)$`),
    service: 'triage',
  },
  { methods: ANY, path: /^v1\/(triage|drills)(\/.*)?$/, service: 'triage' },
  {
    methods: WRITE,
    path: new RegExp(`^${INCIDENT}/(mitigate|resolve|time|status-updates|remediations|containments)(/.*)?$`),
    service: 'remediation',
  },
  { methods: ANY, path: /^v1\/(integrations|tickets)(\/.*)?$/, service: 'intake' },
  { methods: ['PUT'], path: /^v1\/directory$/, service: 'query' },
  { methods: READ, path: /^v1\/.+$/, service: 'query' },
];

/** Owner of `path` (after /api/, without the query string) for `method`, or undefined when the console has none. */
export function routeOwner(method: string, path: string): UpstreamService | undefined {
  const upper = method.toUpperCase();
  if (path.split('/').some((segment) => segment === '..' || segment === '.')) return undefined;
  return RULES.find((rule) => (rule.methods as readonly string[]).includes(upper) && rule.path.test(path))?.service;
}

/** Routes of a service's controllers the console deliberately does not forward (see RULES). */
export const NOT_FORWARDED: readonly RegExp[] = [
  /^v1\/alerts(\/.*)?$/,
  /^v2\/enqueue$/,
  /^v1\/links\/.+$/,
  // Change events come from deploy tools with integration keys, and executors' callbacks carry their own signature.
  /^v2\/change\/enqueue$/,
  /^v1\/changes$/,
  /^v1\/executor-callbacks$/,
];
