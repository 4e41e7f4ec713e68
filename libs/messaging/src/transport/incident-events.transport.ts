import { type CustomTransportStrategy, type MessageHandler, type ReadPacket, Server } from '@nestjs/microservices';
import type { Kafka } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import { type RecordedEvent, RecentlyUsed } from '@incident/event-store';
import {
  IncidentEventConsumer,
  type IncidentEventConsumerOptions,
  messagingKafka,
} from '../consumer/incident-event-consumer';
import type { IncidentEventContext } from '../consumer/incident-event-handler';
import { defaultMessagingLogger, type MessagingLogger } from '../consumer/messaging-logger';
import { ensureTopics, type TopicSpec } from '../topics';
import { isFlattenedByNest } from './handler-errors.filter';
import { wantedBy } from './handler-wants';
import { IncidentEventTransportContext } from './incident-event-transport.context';

/**
 * The transport's id. `@EventPattern('IncidentTriaged', INCIDENT_EVENTS_TRANSPORT)` binds a handler to this
 * transport only, in an app that also connects another one; a bare `@EventPattern` binds to every transport.
 */
export const INCIDENT_EVENTS_TRANSPORT = Symbol('INCIDENT_EVENTS_TRANSPORT');

export type IncidentEventsTransportStatus = 'connecting' | 'connected' | 'disconnected';

export interface IncidentEventsTransportOptions extends Omit<IncidentEventConsumerOptions, 'handler' | 'accepts'> {
  /** Topics to create if missing before joining the group (the platform's, with their partition counts). */
  readonly ensureTopics?: readonly TopicSpec[];
  /** Ends `pool` when the transport closes: set when the pool was made for the transport alone. */
  readonly ownsPool?: boolean;
}

/** Event types whose handlers are remembered; a topic holds a few dozen, so the bound only caps a flood of junk. */
const REMEMBERED_TYPES = 1_000;

class HandlerErrorHidden extends Error {
  override readonly name = 'HandlerErrorHidden';
}

/**
 * `incident.events` as a Nest microservice transport: `@EventPattern(<event type>)` handlers in a hybrid app,
 * on top of IncidentEventConsumer, so every guarantee of the consumer holds (libs/messaging/README.md). Each
 * record becomes one call of the handlers for its event type, inside the consumer's transaction; the offset
 * moves on only once every handler has resolved (a returned Observable is awaited to completion). A handler's
 * error goes back to the consumer, which retries it with backoff on a paused partition or dead-letters it.
 * An event type with no handler, or none whose `when` wants the event, is acknowledged without a transaction
 * and counted.
 */
export class IncidentEventsTransport
  extends Server<Record<string, never>, IncidentEventsTransportStatus>
  implements CustomTransportStrategy
{
  override transportId = INCIDENT_EVENTS_TRANSPORT;
  // Errors reach the consumer, which logs and dead-letters them; Nest must not report them a second time.
  override readonly propagatesEventHandlerErrors = true;
  private readonly kafka: Kafka;
  private readonly messagingLogger: MessagingLogger;
  private consumer: IncidentEventConsumer | undefined;
  private handlersByType = new RecentlyUsed<MessageHandler | null>(REMEMBERED_TYPES);

  constructor(private readonly options: IncidentEventsTransportOptions) {
    super();
    this.messagingLogger = options.logger ?? defaultMessagingLogger();
    this.kafka = messagingKafka({ ...options, logger: this.messagingLogger });
  }

  /** Called by `app.startAllMicroservices()`: creates missing topics, then joins the group and consumes. */
  async listen(callback: (error?: unknown) => void): Promise<void> {
    this._status$.next('connecting');
    try {
      if (this.options.ensureTopics?.length) await this.createTopics(this.options.ensureTopics);
      // Made here, not in the constructor: Nest registers the handlers after constructing the strategy.
      const { ensureTopics: _topics, ownsPool: _ownsPool, ...consumerOptions } = this.options;
      this.consumer = new IncidentEventConsumer({
        ...consumerOptions,
        kafka: this.kafka,
        logger: this.messagingLogger,
        accepts: (event) => wantedBy(this.getHandlerByPattern(event.type), event),
        handler: (event, context) => this.dispatch(event, context),
      });
      await this.consumer.start();
    } catch (error) {
      this._status$.next('disconnected');
      callback(error);
      return;
    }
    this._status$.next('connected');
    callback();
  }

  /** Called on `app.close()`: finishes the record in hand, commits, leaves the group. */
  async close(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = undefined;
    if (this.options.ownsPool) await this.options.pool.end();
    this._status$.next('disconnected');
  }

  /** Resolves while the consumer runs; rejects before `listen`, after `close`, or once kafkajs gave up on it. */
  async readiness(): Promise<void> {
    if (!this.consumer) throw new Error('incident.events transport is not listening');
    this.consumer.assertConsuming();
  }

  /** Not supported: the consumer reports crashes and group changes through its logger. */
  on(): never {
    throw new Error('IncidentEventsTransport has no events to listen to; see its logger and metrics');
  }

  /** The running IncidentEventConsumer (its `refreshLag()` reads the group's lag). */
  unwrap<T>(): T {
    if (!this.consumer) throw new Error('IncidentEventsTransport is not listening; call app.startAllMicroservices()');
    return this.consumer as T;
  }

  /**
   * Nest's lookup first tries the pattern as JSON, and an event type is not JSON: every lookup (two per record:
   * `accepts`, then the dispatch) threw and caught a SyntaxError, its stack captured, which was 1-3 % of a
   * lifecycle service's CPU under a storm. So each event type is looked up once; adding a handler forgets them.
   */
  override getHandlerByPattern(pattern: string): MessageHandler | null {
    const known = this.handlersByType.get(pattern);
    if (known !== undefined) return known;
    const handler = super.getHandlerByPattern(pattern);
    this.handlersByType.set(pattern, handler);
    return handler;
  }

  override addHandler(...args: Parameters<Server['addHandler']>): void {
    this.handlersByType = new RecentlyUsed(REMEMBERED_TYPES);
    super.addHandler(...args);
  }

  /** Like ServerKafka's: awaits the handlers' stream to completion, so their errors reach the consumer. */
  override async handleEvent(pattern: string, packet: ReadPacket, context: IncidentEventTransportContext) {
    const handler = this.getHandlerByPattern(pattern);
    if (!handler) return;
    await this.runWithProcessingHooks(context, async (runEndHook) => {
      try {
        const result: unknown = await handler(packet.data, context);
        // Several handlers of one pattern come back as one forkJoin; one may complete without a value.
        if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
      } finally {
        runEndHook();
      }
    });
  }

  private async dispatch(event: RecordedEvent, context: IncidentEventContext): Promise<void> {
    try {
      await this.handleEvent(
        event.type,
        { pattern: event.type, data: event },
        new IncidentEventTransportContext(event, context),
      );
    } catch (error) {
      if (!isFlattenedByNest(error)) throw error;
      // Transient by default: without the original error nobody can say that retrying is useless.
      throw new HandlerErrorHidden(
        `a ${event.type} handler failed, but Nest's default RPC filter hid the error; connect the transport ` +
          'with connectIncidentEvents (or add IncidentEventHandlerErrorsFilter) to keep it',
      );
    }
  }

  private async createTopics(specs: readonly TopicSpec[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, specs);
    } finally {
      await admin.disconnect();
    }
  }
}
