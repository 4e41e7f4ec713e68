import { BaseRpcContext } from '@nestjs/microservices';
import type { RecordedEvent } from '@incident/event-store';
import type { IncidentEventContext } from '../consumer/incident-event-handler';

/**
 * What an `@EventPattern` handler gets with `@Ctx()`, besides the event: the consumer's context, so the
 * handler writes its own rows through `tx` (committed with the event's idempotency record, or not at all),
 * knows which `attempt` this is, and can `heartbeat()` during long work. It is an IncidentEventContext, so
 * code written for the plain consumer's handlers takes it as is.
 */
export class IncidentEventTransportContext
  extends BaseRpcContext<[RecordedEvent, IncidentEventContext]>
  implements IncidentEventContext
{
  // Copied from the consumer's context, which BaseRpcContext has stored in `args` by now.
  readonly tx = this.args[1].tx;
  readonly groupId = this.args[1].groupId;
  readonly topic = this.args[1].topic;
  readonly partition = this.args[1].partition;
  readonly offset = this.args[1].offset;
  readonly attempt = this.args[1].attempt;
  readonly heartbeat = this.args[1].heartbeat;
  readonly writeLast = this.args[1].writeLast;

  constructor(event: RecordedEvent, context: IncidentEventContext) {
    super([event, context]);
  }

  /** Narrows a plain `@Ctx() ctx: unknown` (what Nest 12's `@EventPattern` typing allows) to this context. */
  static of(ctx: unknown): IncidentEventTransportContext {
    if (ctx instanceof IncidentEventTransportContext) return ctx;
    throw new TypeError('not an incident.events handler context: is the handler bound to IncidentEventsTransport?');
  }

  /** The event being handled, as `@Payload()` gives it. */
  getEvent(): RecordedEvent {
    return this.args[0];
  }
}
