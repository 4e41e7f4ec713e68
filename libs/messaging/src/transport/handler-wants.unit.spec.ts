import type { MessageHandler } from '@nestjs/microservices';
import type { RecordedEvent } from '@incident/event-store';
import { wantedBy } from './handler-wants';

const statusUpdate = (audience: string) =>
  ({ type: 'StatusUpdatePosted', data: { audience } }) as unknown as RecordedEvent;

/** A handler as Nest registers it: `extras` from the decorator, the next handler of the pattern in `next`. */
function handler(when?: (event: RecordedEvent) => boolean, next?: MessageHandler): MessageHandler {
  const registered = (async () => undefined) as MessageHandler;
  registered.extras = when ? { when } : {};
  if (next) registered.next = next;
  return registered;
}

const forCustomers = (event: RecordedEvent) => (event.data as { audience: string }).audience === 'customer';

describe('wantedBy', () => {
  describe('given no handler of the type', () => {
    it('wants nothing', () => {
      expect(wantedBy(null, statusUpdate('customer'))).toBe(false);
    });
  });

  describe('given one handler', () => {
    it('wants every event when it has no `when`', () => {
      expect(wantedBy(handler(), statusUpdate('internal'))).toBe(true);
    });

    it('wants only the events its `when` holds for', () => {
      const only = handler(forCustomers);
      expect([wantedBy(only, statusUpdate('customer')), wantedBy(only, statusUpdate('internal'))]).toEqual([
        true,
        false,
      ]);
    });
  });

  describe('given several handlers of the type', () => {
    it('wants the event when any of them does', () => {
      const chain = handler(
        forCustomers,
        handler(() => false, handler()),
      );
      expect(wantedBy(chain, statusUpdate('internal'))).toBe(true);
      expect(
        wantedBy(
          handler(
            forCustomers,
            handler(() => false),
          ),
          statusUpdate('internal'),
        ),
      ).toBe(false);
    });
  });
});
