import { Controller, Get } from '@nestjs/common';
import { CurrentPrincipal } from './current-principal.decorator';
import type { Principal } from './roles';

/** Lets a person check which identity and roles their token carries, on any service. */
@Controller('v1/whoami')
export class WhoAmIController {
  @Get()
  whoAmI(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}
