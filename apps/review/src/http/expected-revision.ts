import { BadRequestException, ConflictException, HttpException, HttpStatus } from '@nestjs/common';
import { StaleRevisionError } from '../editing/review-editor';

/**
 * The revision an edit was made on: `If-Match: "12"` (an entity tag as GET …/review names it, weak or strong) or
 * the body's `revision`. One of them is required: an edit that names no revision could overwrite anything.
 */
export function expectedRevision(ifMatch: string | undefined, bodyRevision: number | undefined): number {
  if (ifMatch !== undefined) {
    const tag = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch.trim());
    if (!tag) throw new BadRequestException('If-Match must name a revision, e.g. "12"');
    const fromHeader = Number(tag[1]);
    if (bodyRevision !== undefined && bodyRevision !== fromHeader) {
      throw new BadRequestException('If-Match and revision name different revisions');
    }
    return fromHeader;
  }
  if (bodyRevision !== undefined) return bodyRevision;
  throw new HttpException(
    { statusCode: 428, error: 'Precondition Required', message: 'send the revision you read: If-Match or revision' },
    HttpStatus.PRECONDITION_REQUIRED,
  );
}

/** A stale edit: 409 naming the revision there is now, so the client can re-read and show what changed. */
export async function refusingStale<T>(edit: Promise<T>): Promise<T> {
  try {
    return await edit;
  } catch (error) {
    if (!(error instanceof StaleRevisionError)) throw error;
    throw new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      message: error.message,
      expectedRevision: error.expectedRevision,
      currentRevision: error.currentRevision,
    });
  }
}
