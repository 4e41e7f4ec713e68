import { ForbiddenException, HttpException } from '@nestjs/common';
import { errorResponse } from './error-response';

/** Errors shaped like the domain's and the store's, which this utility library may not import. */
class IllegalTransitionError extends Error {
  override readonly name = 'IllegalTransitionError';
  readonly commandType = 'AcknowledgeIncident';
  readonly status = 'resolved';
}
class IncidentValidationError extends Error {
  override readonly name = 'IncidentValidationError';
  readonly commandType = 'LogTime';
  readonly field = 'minutes';
}
const named = (name: string, message = 'boom') => Object.assign(new Error(message), { name });

describe('errorResponse', () => {
  it('answers an illegal transition with 409 naming the command and the status', () => {
    expect(
      errorResponse(new IllegalTransitionError('cannot AcknowledgeIncident: incident is resolved'), 'c-1'),
    ).toEqual({
      status: 409,
      body: {
        statusCode: 409,
        error: 'Conflict',
        message: 'cannot AcknowledgeIncident: incident is resolved',
        command: 'AcknowledgeIncident',
        currentStatus: 'resolved',
        correlationId: 'c-1',
      },
      unexpected: false,
    });
  });

  it('answers an invalid command with 400 naming the field', () => {
    expect(errorResponse(new IncidentValidationError('invalid LogTime: minutes must be ≥ 1'), 'c-1')).toMatchObject({
      status: 400,
      body: { command: 'LogTime', field: 'minutes', message: 'invalid LogTime: minutes must be ≥ 1' },
    });
  });

  it('answers a missing stream with 404', () => {
    expect(errorResponse(named('StreamNotFound', 'stream incident-1 does not exist'), 'c-1')).toMatchObject({
      status: 404,
      body: { message: 'stream incident-1 does not exist' },
    });
  });

  it.each(['ConcurrencyConflict', 'WrongExpectedRevision'])('answers %s with 409 and Retry-After', (name) => {
    expect(errorResponse(named(name), 'c-1')).toMatchObject({ status: 409, retryAfterSeconds: 1 });
  });

  it('keeps the status and body of an HttpException', () => {
    expect(errorResponse(new ForbiddenException('requires role admin'), 'c-1')).toEqual({
      status: 403,
      body: { statusCode: 403, error: 'Forbidden', message: 'requires role admin' },
      unexpected: false,
    });
    expect(errorResponse(new HttpException('slow down', 429), 'c-1').body).toEqual({
      statusCode: 429,
      message: 'slow down',
    });
  });

  it('answers anything else with 500 carrying the correlation id and nothing of the error', () => {
    const answer = errorResponse(new TypeError('secret at /srv/app.js:12'), 'c-9');
    expect(answer).toEqual({
      status: 500,
      body: { statusCode: 500, error: 'Internal Server Error', message: 'internal error', correlationId: 'c-9' },
      unexpected: true,
    });
    expect(errorResponse('a thrown string', 'c-9').status).toBe(500);
  });
});
