import { Command, InvalidArgumentError, Option } from 'commander';
import { PLATFORM_VARIABLES, ROLES, isRole, mintToken, type Role } from '@incident/platform';

type Lifetime = `${number}${'s' | 'm' | 'h' | 'd'}`;

function parseRoles(value: string, previous: Role[] = []): Role[] {
  const roles = value.split(',').map((role) => role.trim());
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown role ${unknown.join(', ')}; use ${ROLES.join(', ')}`);
  return [...previous, ...(roles as Role[])];
}

function parseLifetime(value: string): Lifetime {
  if (!/^\d+[smhd]$/.test(value)) throw new InvalidArgumentError('use a number and a unit: 30m, 12h, 7d');
  return value as Lifetime;
}

/** Refusals worded for the command line (naming the flag), before mintToken's own checks. */
function checkCustomer(roles: readonly Role[], customer: string | undefined): void {
  if (roles.includes('customer') && (customer === undefined || customer.trim() === '')) {
    throw new Error('--customer <id> is required with --role customer: a customer token sees one customer only');
  }
  if (roles.includes('customer') && roles.length > 1) {
    throw new Error('--role customer cannot be combined with another role');
  }
  if (!roles.includes('customer') && customer !== undefined) {
    throw new Error('--customer is only for --role customer');
  }
}

/** Mints a bearer token for local use, signed with AUTH_JWT_SECRET; prints only the token, for $(…). */
export function tokenCommand(): Command {
  return new Command('token')
    .description('mint a bearer token for a person, for local use')
    .addOption(
      new Option('-r, --role <roles>', `role(s): ${ROLES.join(', ')}`).argParser(parseRoles).makeOptionMandatory(),
    )
    .option('-c, --customer <id>', 'with --role customer: the customer whose incidents the token may see')
    .option('-s, --subject <name>', 'who the token is for', process.env['USER'] ?? 'local-developer')
    .option('-t, --ttl <lifetime>', 'how long it stays valid (30m, 12h, 7d)', parseLifetime, '12h')
    .action((options: { role: Role[]; customer?: string; subject: string; ttl: Lifetime }) => {
      checkCustomer(options.role, options.customer);
      const secret = process.env[PLATFORM_VARIABLES.authJwtSecret.name];
      if (!secret || secret.length < 32) {
        throw new Error(`${PLATFORM_VARIABLES.authJwtSecret.name} must be set (at least 32 characters) to sign tokens`);
      }
      const issuer =
        process.env[PLATFORM_VARIABLES.authJwtIssuer.name] || (PLATFORM_VARIABLES.authJwtIssuer.default ?? '');
      const token = mintToken(
        { secret, issuer },
        {
          subject: options.subject,
          roles: options.role,
          ...(options.customer !== undefined && { customerId: options.customer }),
          expiresIn: options.ttl,
        },
      );
      process.stdout.write(`${token}\n`);
    });
}
