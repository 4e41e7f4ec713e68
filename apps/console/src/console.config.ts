import { resolve } from 'node:path';
import { type PlatformConfig, portVariable, SERVICES, type ServiceName } from '@incident/platform';

/** Injection token of the ConsoleConfig. */
export const CONSOLE_CONFIG = Symbol('CONSOLE_CONFIG');

/** The services the console forwards /api calls to: every one with a person-facing HTTP API. */
export const UPSTREAM_SERVICES = ['query', 'intake', 'triage', 'escalation', 'remediation', 'review'] as const;
export type UpstreamService = (typeof UPSTREAM_SERVICES)[number];

/** The console's settings, on top of the platform's (CONSOLE_* variables, PUBLIC_BASE_URL, the ports). */
export interface ConsoleConfig {
  readonly sessionTtlMinutes: number;
  /** Base URL of each upstream service, without a trailing slash. */
  readonly upstreams: Readonly<Record<UpstreamService, string>>;
  /** The built front end (Vite output); may be missing, then every page answers 503. */
  readonly webDir: string;
  /** Secure cookies when people reach the console over https (PUBLIC_BASE_URL). */
  readonly secureCookies: boolean;
  /** Lifetime of the bearer token minted for each forwarded call. */
  readonly upstreamTokenSeconds: number;
}

type Environment = Readonly<Record<string, string | undefined>>;

/** From apps/console/dist (built) or apps/console/src (tests): apps/console-web/dist of the same checkout. */
const DEFAULT_WEB_DIR = resolve(__dirname, '..', '..', 'console-web', 'dist');

export function consoleConfig(platform: PlatformConfig, env: Environment = process.env): ConsoleConfig {
  const known = new Set<string>(UPSTREAM_SERVICES);
  const unknown = Object.keys(platform.consoleUpstreams ?? {}).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new Error(`CONSOLE_UPSTREAMS names unknown services: ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
  }
  const upstreams = Object.fromEntries(
    UPSTREAM_SERVICES.map((name) => [name, platform.consoleUpstreams?.[name] ?? localUrl(name, env)]),
  ) as Record<UpstreamService, string>;
  return {
    sessionTtlMinutes: platform.consoleSessionTtlMinutes,
    upstreams,
    webDir: platform.consoleWebDir ? resolve(platform.consoleWebDir) : DEFAULT_WEB_DIR,
    secureCookies: platform.publicBaseUrl?.startsWith('https:') ?? false,
    upstreamTokenSeconds: 60,
  };
}

/** The launcher's layout: every service on this machine, on its <NAME>_PORT or its catalogue port. */
function localUrl(name: ServiceName, env: Environment): string {
  const port = env[portVariable(name)]?.trim() || String(SERVICES.find((s) => s.name === name)?.port);
  return `http://127.0.0.1:${port}`;
}
