import type { MessageHandler } from '@nestjs/microservices';
import type { RecordedEvent } from '@incident/event-store';

/**
 * Whether some handler of the event's type wants it: one registered without `when` (IncidentEventPattern's
 * option), or one whose `when` holds. Nest chains the handlers of one pattern through `next`.
 */
export function wantedBy(head: MessageHandler | null, event: RecordedEvent): boolean {
  for (let handler = head; handler; handler = (handler.next as MessageHandler | undefined) ?? null) {
    const when: unknown = handler.extras?.['when'];
    if (typeof when !== 'function' || (when as (event: RecordedEvent) => boolean)(event)) return true;
  }
  return false;
}
