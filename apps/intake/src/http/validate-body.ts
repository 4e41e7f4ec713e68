import { HttpException, HttpStatus } from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';

/** Every 4xx body of the intake says what was wrong in PagerDuty's shape, so one client parser reads them all. */
export class InvalidEvent extends HttpException {
  constructor(message: string, errors: readonly string[]) {
    super({ status: 'invalid event', message, errors }, HttpStatus.BAD_REQUEST);
  }
}

function flatten(errors: readonly ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent === '' ? error.property : `${parent}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** Validates the whole body and names every bad field at once; throws InvalidEvent (400). */
export async function validateBody<T extends object>(type: ClassConstructor<T>, body: unknown): Promise<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidEvent('Event object is invalid', ['body: must be a JSON object']);
  }
  const instance = plainToInstance(type, body);
  const errors = await validate(instance, { forbidUnknownValues: false });
  if (errors.length > 0) throw new InvalidEvent('Event object is invalid', flatten(errors));
  return instance;
}
