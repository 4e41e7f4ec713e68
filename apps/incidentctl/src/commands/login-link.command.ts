import { Command, InvalidArgumentError, Option } from 'commander';
import {
  mintSignInLink,
  PLATFORM_VARIABLES,
  portVariable,
  ROLES,
  isRole,
  serviceDescriptor,
  SIGN_IN_LINK_MAX_TTL_SECONDS,
  type Role,
} from '@incident/platform';

const UNIT_SECONDS = { s: 1, m: 60, h: 3600 } as const;

function parseRole(value: string): Role {
  if (!isRole(value)) throw new InvalidArgumentError(`unknown role ${value}; use ${ROLES.join(', ')}`);
  return value;
}

function parseTtl(value: string): number {
  const match = /^(\d+)([smh])$/.exec(value);
  if (!match) throw new InvalidArgumentError('use a number and a unit: 90s, 15m, 2h');
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  if (seconds < 1 || seconds > SIGN_IN_LINK_MAX_TTL_SECONDS) throw new InvalidArgumentError('between 1s and 24h');
  return seconds;
}

/** Where people reach the console: --url, else PUBLIC_BASE_URL, else this machine on CONSOLE_PORT. */
function consoleUrl(given: string | undefined): string {
  const url = given ?? process.env[PLATFORM_VARIABLES.publicBaseUrl.name];
  if (url) return url.replace(/\/+$/, '');
  const port = process.env[portVariable('console')] || String(serviceDescriptor('console').port);
  return `http://127.0.0.1:${port}`;
}

/** Prints a one-time sign-in link to the web console, signed with AUTH_JWT_SECRET's link key; only the URL. */
export function loginLinkCommand(): Command {
  return new Command('login-link')
    .description('print a one-time sign-in link to the web console')
    .addOption(
      new Option('-r, --role <role>', `the role: ${ROLES.join(', ')}`).argParser(parseRole).makeOptionMandatory(),
    )
    .option('-s, --subject <name>', 'who signs in with it', process.env['USER'] ?? 'local-developer')
    .option('-c, --customer <id>', 'with --role customer: the customer whose incidents the session may see')
    .option('-t, --ttl <lifetime>', 'how long the link works if unused (90s, 15m, 2h; at most 24h)', parseTtl, 900)
    .option(
      '-u, --url <url>',
      'the console as people reach it (default: PUBLIC_BASE_URL or http://127.0.0.1:CONSOLE_PORT)',
    )
    .action((options: { role: Role; subject: string; customer?: string; ttl: number; url?: string }) => {
      if (options.role === 'customer' && !options.customer)
        throw new Error('--customer <id> is required with --role customer');
      if (options.role !== 'customer' && options.customer !== undefined)
        throw new Error('--customer is only for --role customer');
      const secret = process.env[PLATFORM_VARIABLES.authJwtSecret.name];
      if (!secret || secret.length < 32) {
        throw new Error(`${PLATFORM_VARIABLES.authJwtSecret.name} must be set (at least 32 characters) to sign links`);
      }
      const issuer =
        process.env[PLATFORM_VARIABLES.authJwtIssuer.name] || (PLATFORM_VARIABLES.authJwtIssuer.default ?? '');
      const token = mintSignInLink(
        { secret, issuer },
        {
          subject: options.subject,
          role: options.role,
          ...(options.customer !== undefined && { customerId: options.customer }),
          ttlSeconds: options.ttl,
        },
      );
      process.stdout.write(`${consoleUrl(options.url)}/auth/link/${token}\n`);
    });
}
