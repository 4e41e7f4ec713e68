import { Controller, Get } from '@nestjs/common';
import { CurrentPrincipal } from './current-principal.decorator';
import { ROLES, type Principal } from './roles';
import { Roles } from './roles.decorator';

/** Lets a person check which identity, roles and customer their token carries, on any service. */
@Roles(...ROLES)
@Controller('v1/whoami')
export class WhoAmIController {
  @Get()
  whoAmI(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}
