import type { IHeaders, Message } from 'kafkajs';
import type { RecordedEvent } from '@incident/event-store';

/** Headers the relay puts on every `incident.events` record, so consumers can route without parsing. */
export const EVENT_HEADERS = {
  eventId: 'event-id',
  eventType: 'event-type',
  schemaVersion: 'schema-version',
  streamRevision: 'stream-revision',
  globalPosition: 'global-position',
  correlationId: 'correlation-id',
} as const;

/** The record value: the whole envelope as JSON, positions as strings (JSON has no 64-bit integers). */
export interface IncidentEventPayload extends Omit<RecordedEvent, 'globalPosition'> {
  readonly globalPosition: string;
}

/** Keyed by stream id, so one incident's events stay in one partition, in order. */
export function toIncidentEventMessage(event: RecordedEvent): Message {
  const payload: IncidentEventPayload = { ...event, globalPosition: event.globalPosition.toString() };
  return {
    key: event.streamId,
    value: JSON.stringify(payload),
    headers: {
      [EVENT_HEADERS.eventId]: event.id,
      [EVENT_HEADERS.eventType]: event.type,
      [EVENT_HEADERS.schemaVersion]: String(event.schemaVersion),
      [EVENT_HEADERS.streamRevision]: String(event.streamRevision),
      [EVENT_HEADERS.globalPosition]: event.globalPosition.toString(),
      [EVENT_HEADERS.correlationId]: event.metadata.correlationId,
    },
  };
}

export class InvalidIncidentEventMessage extends Error {
  override readonly name = 'InvalidIncidentEventMessage';
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** Parses and checks a record's value; throws InvalidIncidentEventMessage naming what is wrong. */
export function fromIncidentEventMessage(value: Buffer | null): RecordedEvent {
  if (!value) throw new InvalidIncidentEventMessage('record has no value');
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    throw new InvalidIncidentEventMessage('record value is not JSON');
  }
  if (!isObject(parsed)) throw new InvalidIncidentEventMessage('record value is not a JSON object');
  const problems: string[] = [];
  for (const field of ['id', 'type', 'streamId', 'checkpoint', 'globalPosition'] as const) {
    if (typeof parsed[field] !== 'string' || parsed[field] === '') problems.push(`${field} must be a non-empty string`);
  }
  for (const field of ['schemaVersion', 'streamRevision'] as const) {
    if (!Number.isInteger(parsed[field]) || (parsed[field] as number) < 0)
      problems.push(`${field} must be an integer ≥ 0`);
  }
  if (!('data' in parsed)) problems.push('data is missing');
  if (!isObject(parsed['metadata'])) problems.push('metadata must be an object');
  if (typeof parsed['globalPosition'] === 'string' && !/^\d+$/.test(parsed['globalPosition'])) {
    problems.push('globalPosition must be digits');
  }
  if (problems.length > 0) throw new InvalidIncidentEventMessage(problems.join('; '));
  const payload = parsed as unknown as IncidentEventPayload;
  return { ...payload, globalPosition: BigInt(payload.globalPosition) };
}

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}
