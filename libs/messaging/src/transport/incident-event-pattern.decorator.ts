import { EventPattern } from '@nestjs/microservices';
import type { Observable } from 'rxjs';
import type { IncidentEventType } from '@incident/domain';
import type { IncidentEventTransportContext } from './incident-event-transport.context';
import { INCIDENT_EVENTS_TRANSPORT } from './incident-events.transport';
import type { RecordedIncidentEvent } from './recorded-incident-event';

/** What an incident event handler may look like: the event of its pattern's type, then the context. */
export type IncidentEventHandlerMethod<T extends IncidentEventType> = (
  event: RecordedIncidentEvent<T>,
  ctx: IncidentEventTransportContext,
) => Promise<unknown> | Observable<unknown> | void;

export interface IncidentEventPatternOptions<T extends IncidentEventType> {
  /**
   * False: the handler has nothing to do for this event (a pure test of the event alone, no I/O). When no
   * handler of the type wants an event, it is acknowledged like an event type nobody handles: no transaction,
   * no idempotency row. Only a saving: the handler still runs whenever another handler of its type wants the
   * event, so it keeps its own check.
   */
  readonly when?: (event: RecordedIncidentEvent<T>) => boolean;
}

/**
 * `@EventPattern(type, INCIDENT_EVENTS_TRANSPORT)` with types: the pattern must be an incident event type, and
 * the method must take that type's event (and, optionally, the context), so a handler typed for another event
 * does not compile. Nest 12's own `@EventPattern('…')` rejects a method whose second parameter is typed (it
 * wants `unknown`), which is why the context otherwise has to go through `IncidentEventTransportContext.of`.
 */
export function IncidentEventPattern<T extends IncidentEventType>(
  type: T,
  options: IncidentEventPatternOptions<T> = {},
) {
  const decorator = options.when
    ? EventPattern<string>(type, INCIDENT_EVENTS_TRANSPORT, { when: options.when })
    : EventPattern<string>(type, INCIDENT_EVENTS_TRANSPORT);
  return (
    target: object,
    propertyKey: string | symbol,
    // Only `value` is looked at: a whole TypedPropertyDescriptor (with `set`) would demand the exact type.
    descriptor: { value?: IncidentEventHandlerMethod<T> },
  ): void => {
    decorator(target, propertyKey, descriptor as TypedPropertyDescriptor<IncidentEventHandlerMethod<T>>);
  };
}
