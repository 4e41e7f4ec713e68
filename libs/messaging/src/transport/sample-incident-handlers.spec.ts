// The sample service module of the transport's integration suite. Named *.spec.ts so the library build
// leaves it out; Jest runs only *.unit.spec.ts / *.int.spec.ts, so it is never mistaken for a suite.
import { Controller, Inject, Module, type Type } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { defer, type Observable, throwError, timer } from 'rxjs';
import { mergeMap } from 'rxjs/operators';
import { IncidentValidationError } from '@incident/domain';
import { insertConsumed } from '../consumer/consumer-test-kit.spec';
import { IncidentEventPattern } from './incident-event-pattern.decorator';
import { IncidentEventTransportContext } from './incident-event-transport.context';
import type { RecordedIncidentEvent } from './recorded-incident-event';

const INSTANCE = Symbol('INSTANCE');

/** Event ids whose handler fails on the first attempt (a lock timeout, say), then succeeds. */
export const failFirstAttempt = new Set<string>();

/**
 * One handler per event type the sample service cares about; `AlertCorrelated` has none. Every effect is a
 * row written through the consumer's transaction, so it commits with the event's idempotency record.
 */
@Controller()
class SampleIncidentHandlers {
  constructor(@Inject(INSTANCE) private readonly instance: string) {}

  /** Also notes what upcasting made of the data: the suite sends IncidentOpened in its first schema. */
  @IncidentEventPattern('IncidentOpened')
  async onOpened(
    @Payload() event: RecordedIncidentEvent<'IncidentOpened'>,
    @Ctx() ctx: IncidentEventTransportContext,
  ): Promise<void> {
    await insertConsumed(event, ctx, this.instance);
    await ctx.tx.query('INSERT INTO opened (event_id, schema_version, customer_id, drill) VALUES ($1, $2, $3, $4)', [
      event.id,
      event.schemaVersion,
      event.data.customerId,
      event.data.drill,
    ]);
  }

  /** An Observable whose effect comes later: the offset must wait for it, or the row would miss the commit. */
  @IncidentEventPattern('IncidentTriaged')
  onTriaged(
    @Payload() event: RecordedIncidentEvent<'IncidentTriaged'>,
    @Ctx() ctx: IncidentEventTransportContext,
  ): Observable<void> {
    return timer(20).pipe(mergeMap(() => insertConsumed(event, ctx, this.instance)));
  }

  /** Nest's own decorator, bound to every transport; its typing wants the context as `unknown`. */
  @EventPattern('IncidentAcknowledged')
  async onAcknowledged(
    @Payload() event: RecordedIncidentEvent<'IncidentAcknowledged'>,
    @Ctx() ctx: unknown,
  ): Promise<void> {
    if (event.data.responderId === '') {
      throw new IncidentValidationError('AcknowledgeIncident', 'responderId', 'must not be empty');
    }
    await insertConsumed(event, IncidentEventTransportContext.of(ctx), this.instance);
  }

  @IncidentEventPattern('IncidentResolved')
  onResolved(
    @Payload() event: RecordedIncidentEvent<'IncidentResolved'>,
    @Ctx() ctx: IncidentEventTransportContext,
  ): Observable<void> {
    if (ctx.attempt === 1 && failFirstAttempt.has(event.id)) {
      return throwError(() => new Error('canceling statement due to lock timeout'));
    }
    // A retried effect names its attempt, so the suite sees which attempt applied it.
    const instance = ctx.attempt === 1 ? this.instance : `${this.instance}@${ctx.attempt}`;
    return defer(() => insertConsumed(event, ctx, instance));
  }
}

/** The sample service's module, for one replica named `instance`. */
export function sampleIncidentHandlersModule(instance: string): Type {
  @Module({ controllers: [SampleIncidentHandlers], providers: [{ provide: INSTANCE, useValue: instance }] })
  class SampleIncidentHandlersModule {}
  return SampleIncidentHandlersModule;
}
