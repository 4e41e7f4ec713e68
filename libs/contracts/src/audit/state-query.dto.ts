import { IsISO8601, IsInt, IsOptional, Min } from 'class-validator';
import { Type } from 'class-transformer';

/** The query string of the audit API's `GET /v1/incidents/:id/state`: one past moment, by time or by revision. */
export class StateQuery {
  /** An ISO 8601 time: the state from the events the platform had recorded by then. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 time, e.g. 2026-11-22T04:00:00Z' })
  at?: string;

  /** A stream revision: the state after that event. */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'revision must be a whole number' })
  @Min(0, { message: 'revision must be 0 or more' })
  revision?: number;
}
