import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PLATFORM_CONFIG } from '../platform-config.token';
import type { PlatformConfig } from '../config/load-config';
import { IS_PUBLIC } from './public.decorator';
import { REQUIRED_ROLES } from './roles.decorator';
import { admittedRoles, satisfiesRoles, type Principal, type Role } from './roles';
import { InvalidTokenError, verifyToken } from './tokens';

export type AuthenticatedRequest = { headers: Record<string, string | string[] | undefined>; principal?: Principal };

/**
 * Installed globally: every route needs a valid bearer token unless it is marked @Public(), so a new
 * endpoint is closed by default rather than open by omission. For the same reason a customer token passes only
 * routes whose @Roles() names `customer`; those routes must scope what they read with @CurrentScope().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (context.getType() !== 'http') return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = this.authenticate(request.headers['authorization']);
    request.principal = principal;

    const required = this.reflector.getAllAndOverride<Role[]>(REQUIRED_ROLES, targets) ?? [];
    if (!satisfiesRoles(principal, required)) {
      throw new ForbiddenException(
        `requires role ${admittedRoles(required).join(' or ')}; the token of ${principal.subject} has ${principal.roles.join(', ')}`,
      );
    }
    return true;
  }

  private authenticate(header: string | string[] | undefined): Principal {
    const value = Array.isArray(header) ? header[0] : header;
    const match = value ? /^Bearer\s+(\S+)$/i.exec(value) : null;
    if (!match?.[1]) {
      throw new UnauthorizedException('missing bearer token: send "Authorization: Bearer <token>"');
    }
    try {
      return verifyToken({ secret: this.config.authJwtSecret, issuer: this.config.authJwtIssuer }, match[1]);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(error.message);
      throw error;
    }
  }
}
