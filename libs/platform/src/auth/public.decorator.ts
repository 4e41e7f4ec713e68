import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'platform:isPublic';

/** Opens a route or controller to callers without a token: health checks and metrics only. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
