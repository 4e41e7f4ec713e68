import { BadRequestException, ConflictException, HttpException } from '@nestjs/common';
import { StaleRevisionError } from '../editing/review-editor';
import { expectedRevision, refusingStale } from './expected-revision';

describe('expectedRevision', () => {
  it.each([
    ['"12"', undefined, 12],
    ['W/"12"', undefined, 12],
    ['12', 12, 12],
    [undefined, 7, 7],
  ])('reads If-Match %s with revision %s as %s', (ifMatch, revision, expected) => {
    expect(expectedRevision(ifMatch, revision)).toBe(expected);
  });

  it('refuses a tag that names no revision, and two that disagree', () => {
    expect(() => expectedRevision('"abc"', undefined)).toThrow(BadRequestException);
    expect(() => expectedRevision('"3"', 4)).toThrow('If-Match and revision name different revisions');
  });

  it('asks for a revision when none is sent (428)', () => {
    expect(() => expectedRevision(undefined, undefined)).toThrow(HttpException);
    expect(() => expectedRevision(undefined, undefined)).toThrow(expect.objectContaining({ status: 428 }));
  });
});

describe('refusingStale', () => {
  it('answers a stale edit with 409 naming the current revision', async () => {
    const stale = Promise.reject(new StaleRevisionError('i-1', 4, 6));

    await expect(refusingStale(stale)).rejects.toThrow(ConflictException);
    await expect(refusingStale(Promise.reject(new StaleRevisionError('i-1', 4, 6)))).rejects.toMatchObject({
      response: { currentRevision: 6, expectedRevision: 4 },
    });
  });

  it('lets any other outcome through', async () => {
    await expect(refusingStale(Promise.resolve('done'))).resolves.toBe('done');
    await expect(refusingStale(Promise.reject(new Error('other')))).rejects.toThrow('other');
  });
});
