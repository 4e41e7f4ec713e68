import { Command, InvalidArgumentError, Option } from 'commander';
import { PLATFORM_VARIABLES, ROLES, isRole, mintToken, type Role } from '@incident/platform';

function parseRoles(value: string, previous: Role[] = []): Role[] {
  const roles = value.split(',').map((role) => role.trim());
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown role ${unknown.join(', ')}; use ${ROLES.join(', ')}`);
  return [...previous, ...(roles as Role[])];
}

function parseLifetime(value: string): `${number}${'s' | 'm' | 'h' | 'd'}` {
  if (!/^\d+[smhd]$/.test(value)) throw new InvalidArgumentError('use a number and a unit: 30m, 12h, 7d');
  return value as `${number}${'s' | 'm' | 'h' | 'd'}`;
}

/** Mints a bearer token for local use, signed with AUTH_JWT_SECRET; prints only the token, for $(…). */
export function tokenCommand(): Command {
  return new Command('token')
    .description('mint a bearer token for a person, for local use')
    .addOption(
      new Option('-r, --role <roles>', `role(s): ${ROLES.join(', ')}`).argParser(parseRoles).makeOptionMandatory(),
    )
    .option('-s, --subject <name>', 'who the token is for', process.env['USER'] ?? 'local-developer')
    .option('-t, --ttl <lifetime>', 'how long it stays valid (30m, 12h, 7d)', parseLifetime, '12h')
    .action((options: { role: Role[]; subject: string; ttl: `${number}${'s' | 'm' | 'h' | 'd'}` }) => {
      const secret = process.env[PLATFORM_VARIABLES.authJwtSecret.name];
      if (!secret || secret.length < 32) {
        throw new Error(`${PLATFORM_VARIABLES.authJwtSecret.name} must be set (at least 32 characters) to sign tokens`);
      }
      const issuer =
        process.env[PLATFORM_VARIABLES.authJwtIssuer.name] || (PLATFORM_VARIABLES.authJwtIssuer.default ?? '');
      const token = mintToken(
        { secret, issuer },
        { subject: options.subject, roles: options.role, expiresIn: options.ttl },
      );
      process.stdout.write(`${token}\n`);
    });
}
