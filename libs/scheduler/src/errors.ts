/**
 * A key names one effect. Scheduling it again with the same due time and payload is a no-op (a redelivered
 * event), but with a different one it means two callers disagree about that effect: moving a timer is
 * `reschedule`, a second effect needs a key of its own.
 */
export class TimerKeyInUse extends Error {
  override readonly name = 'TimerKeyInUse';
  constructor(
    readonly queue: string,
    readonly key: string,
    readonly existingDueAt: Date,
    readonly existingStatus: string,
  ) {
    super(
      `timer ${queue}/${key} is already scheduled (${existingStatus}, due ${existingDueAt.toISOString()}) with a ` +
        'different due time or payload; use reschedule to move it, or another key for another effect',
    );
  }
}

/** Thrown by a handler for a timer that can never succeed: it is marked failed at once, without retries. */
export class PermanentTimerFailure extends Error {
  override readonly name: string = 'PermanentTimerFailure';
}
