import { Inject, Injectable } from '@nestjs/common';
import { assertNever } from '@incident/domain';
import { BackgroundLoops } from '@incident/platform';
import { type FiringTimer, Scheduler } from '@incident/scheduler';
import { EscalationEngine } from '../paging/escalation-engine';
import { SlaClocks } from '../sla/sla-clocks';
import type { EscalationTimerPayload } from './escalation-timer-payload';

/**
 * The one handler of escalation's timer queue: policy levels and SLA clocks. Each firing acts with
 * `causationId` = the timer key, so a timer fired twice (a replica died before recording the firing) has one
 * effect.
 */
@Injectable()
export class EscalationTimers {
  constructor(
    @Inject(Scheduler) scheduler: Scheduler<EscalationTimerPayload>,
    @Inject(EscalationEngine) private readonly engine: EscalationEngine,
    @Inject(SlaClocks) private readonly sla: SlaClocks,
    @Inject(BackgroundLoops) loops: BackgroundLoops,
  ) {
    scheduler.onFire((timer) => this.fire(timer));
    loops.register(scheduler);
  }

  private async fire(timer: FiringTimer<EscalationTimerPayload>): Promise<void> {
    const { payload } = timer;
    switch (payload.kind) {
      case 'level':
        return this.engine.fire(timer, payload);
      case 'sla':
        return this.sla.fire(timer, payload);
      default:
        return assertNever(payload, 'escalation timer');
    }
  }
}
