import type { PoolClient } from 'pg';
import type { RecordedEvent } from '@incident/event-store';

/** What a handler gets besides the event. */
export interface IncidentEventContext {
  /**
   * A connection inside an open transaction that takes this event's idempotency record once the handler has
   * returned. Write the handler's own rows through it and they commit together with that record, or not at all.
   * Never COMMIT or ROLLBACK it yourself: the consumer does, after the handler returns or throws. Handlers of
   * a run may share it at once (statements queued).
   */
  readonly tx: PoolClient;
  readonly groupId: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** 1 on first delivery; n on the n-th attempt after transient failures. */
  readonly attempt: number;
  /** Tells the group coordinator this member is alive; call it during work that may outlast the session timeout. */
  readonly heartbeat: () => Promise<void>;
  /**
   * Runs `work` on `tx` once every handler of the transaction has returned, just before the idempotency claim
   * and COMMIT, in the order asked (so one stream's writes keep their order). For writes whose result the
   * handler does not need (timers): written last, they give the transaction an id only for its last
   * statements, as the claim does (why that matters: RecordProcessor.apply), and they commit with the claim or
   * not at all. A failing `work` fails the transaction like a failing handler.
   */
  readonly writeLast: (work: (tx: PoolClient) => Promise<unknown>) => void;
}

/**
 * Applies one event. Return to have it recorded as applied; throw a PermanentError (or an
 * InvalidIncidentEventMessage) to dead-letter it at once; throw anything else to have it retried with
 * backoff and dead-lettered after the last attempt.
 */
export type IncidentEventHandler = (event: RecordedEvent, context: IncidentEventContext) => Promise<void>;
