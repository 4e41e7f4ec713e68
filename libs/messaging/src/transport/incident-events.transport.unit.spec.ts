import type { PoolClient } from 'pg';
import { type Observable, of, throwError, timer } from 'rxjs';
import { map } from 'rxjs/operators';
import { recordedEvent } from '../consumer/consumer-test-kit.spec';
import { isFlattenedByNest } from './handler-errors.filter';
import { IncidentEventTransportContext } from './incident-event-transport.context';
import { IncidentEventsTransport } from './incident-events.transport';

const event = recordedEvent('incident-1', 0, 'IncidentTriaged');
const context = new IncidentEventTransportContext(event, {
  tx: {} as PoolClient,
  groupId: 'triage',
  topic: 'incident.events',
  partition: 0,
  offset: '7',
  attempt: 1,
  heartbeat: async () => undefined,
  writeLast: () => undefined,
});
const packet = { pattern: 'IncidentTriaged', data: event };

/** A transport that is never started: handleEvent needs no broker. */
function transportWith(handler: (data: unknown, ctx: unknown) => Promise<unknown>): IncidentEventsTransport {
  const transport = new IncidentEventsTransport({ brokers: ['127.0.0.1:1'], groupId: 'triage', pool: {} as never });
  transport.addHandler('IncidentTriaged', handler, true);
  return transport;
}

describe('IncidentEventsTransport.handleEvent', () => {
  describe('when the handler returns an Observable', () => {
    it('resolves only after its last value', async () => {
      const seen: number[] = [];
      const transport = transportWith(async () => timer(5).pipe(map(() => seen.push(1))));
      await transport.handleEvent('IncidentTriaged', packet, context);
      expect(seen).toEqual([1]);
    });

    it('resolves when it completes without a value', async () => {
      const transport = transportWith(async () => of());
      await expect(transport.handleEvent('IncidentTriaged', packet, context)).resolves.toBeUndefined();
    });

    it('rejects with the very error the Observable raised', async () => {
      const error = new Error('lock timeout');
      const transport = transportWith(async (): Promise<Observable<never>> => throwError(() => error));
      await expect(transport.handleEvent('IncidentTriaged', packet, context)).rejects.toBe(error);
    });
  });

  describe('when the handler receives its arguments', () => {
    it('gets the event and the transport context', async () => {
      const calls: unknown[][] = [];
      const transport = transportWith(async (...args) => calls.push(args));
      await transport.handleEvent('IncidentTriaged', packet, context);
      expect(calls).toEqual([[event, context]]);
      expect(context.getEvent()).toBe(event);
      expect([context.groupId, context.topic, context.partition, context.offset, context.attempt]).toEqual([
        'triage',
        'incident.events',
        0,
        '7',
        1,
      ]);
      expect(IncidentEventTransportContext.of(context)).toBe(context);
      expect(() => IncidentEventTransportContext.of({})).toThrow(TypeError);
    });
  });
});

describe('isFlattenedByNest', () => {
  it("recognises what Nest's default RPC filter leaves of an error, and nothing else", () => {
    expect(isFlattenedByNest({ status: 'error', message: 'Internal server error' })).toBe(true);
    expect(isFlattenedByNest(new Error('Internal server error'))).toBe(false);
    expect(isFlattenedByNest({ status: 'ok', message: 'x' })).toBe(false);
    expect(isFlattenedByNest(null)).toBe(false);
  });
});

describe('IncidentEventsTransport.readiness', () => {
  it('is down until the transport listens', async () => {
    const transport = transportWith(async () => undefined);
    await expect(transport.readiness()).rejects.toThrow('not listening');
  });
});

describe('IncidentEventsTransport.getHandlerByPattern', () => {
  it("works out each event type's handler once, not once per record", async () => {
    const handled: unknown[] = [];
    const transport = transportWith(async (data) => handled.push(data));
    // Protected in Nest's typings: where its lookup turns a pattern into a route (and throws on an event type).
    const routes = jest.spyOn(
      transport as unknown as { getRouteFromPattern(pattern: string): string },
      'getRouteFromPattern',
    );
    await transport.handleEvent('IncidentTriaged', packet, context);
    await transport.handleEvent('IncidentTriaged', packet, context);
    expect(transport.getHandlerByPattern('IncidentResolved')).toBeNull();
    expect(transport.getHandlerByPattern('IncidentResolved')).toBeNull();
    expect(handled).toEqual([event, event]);
    expect(routes.mock.calls).toEqual([['IncidentTriaged'], ['IncidentResolved']]);
  });

  it('finds a handler added after its event type was looked up without one', async () => {
    const transport = transportWith(async () => undefined);
    expect(transport.getHandlerByPattern('IncidentResolved')).toBeNull();
    const resolved = jest.fn(async () => undefined);
    transport.addHandler('IncidentResolved', resolved, true);
    await transport.handleEvent('IncidentResolved', { pattern: 'IncidentResolved', data: event }, context);
    expect(resolved).toHaveBeenCalledTimes(1);
  });
});
