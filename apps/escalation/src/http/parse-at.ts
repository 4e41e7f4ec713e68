import { BadRequestException } from '@nestjs/common';

/** `?at=` as an instant, or now; the clock is read here, at the edge. */
export function parseAt(at: string | undefined): Date {
  if (at === undefined || at === '') return new Date();
  const moment = new Date(at);
  if (Number.isNaN(moment.getTime())) throw new BadRequestException('at must be an ISO-8601 time');
  return moment;
}
