import { HttpException, HttpStatus } from '@nestjs/common';
import type { ClassConstructor } from 'class-transformer';
import { validateCompiled } from '@incident/contracts';

/** Every 4xx body of the intake says what was wrong in PagerDuty's shape, so one client parser reads them all. */
export class InvalidEvent extends HttpException {
  constructor(message: string, errors: readonly string[]) {
    super({ status: 'invalid event', message, errors }, HttpStatus.BAD_REQUEST);
  }
}

/** Validates the whole body and names every bad field at once; throws InvalidEvent (400). */
export async function validateBody<T extends object>(type: ClassConstructor<T>, body: unknown): Promise<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidEvent('Event object is invalid', ['body: must be a JSON object']);
  }
  const checked = await validateCompiled(type, body);
  if (!checked.ok) throw new InvalidEvent('Event object is invalid', checked.errors);
  return checked.value;
}
