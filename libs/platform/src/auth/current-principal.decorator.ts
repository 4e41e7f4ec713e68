import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './auth.guard';
import { scopeOf, type CustomerScope } from './customer-scope';
import type { Principal } from './roles';

function principalOf(context: ExecutionContext): Principal {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route that is not authenticated');
  return principal;
}

/** The authenticated person behind the request, as the AuthGuard verified them. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal =>
  principalOf(context),
);

/** The customers the caller may read (scopeOf the principal), for the read-model queries. */
export const CurrentScope = createParamDecorator((_data: unknown, context: ExecutionContext): CustomerScope =>
  scopeOf(principalOf(context)),
);
