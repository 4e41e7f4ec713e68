import { assertNever } from '../decider';
import { reject, requireLegal } from './decision-guards';
import type { RecordPageDelivery, RecordPageFailure, RequestPages, StartSlaClocks } from './incident-commands';
import type { IncidentEvent } from './incident-events';
import { findPage, type IncidentState } from './incident-state';
import { restartsAtMilestone } from './incident-values';

const plusMinutes = (at: string, minutes: number): string => new Date(Date.parse(at) + minutes * 60_000).toISOString();

type PagingCommand = RequestPages | RecordPageDelivery | RecordPageFailure | StartSlaClocks;

/**
 * Exactly-once paging and SLA clocks (issue 15): the intent first, then one outcome per page. A page id is used once, and an
 * outcome recorded once, so a delivery retried after a crash cannot record a second page.
 */
export const decidePaging = (command: PagingCommand, state: IncidentState): IncidentEvent[] => {
  switch (command.type) {
    case 'RequestPages': {
      const incident = requireLegal(command, state);
      const { incidentId, level, attempt, pages, requestedAt } = command.data;
      const repeated = pages.find((page) => findPage(incident, page.pageId));
      if (repeated) reject(command, state, `page ${repeated.pageId} was already requested`);
      return pages.map(({ pageId, target, idempotencyKey }) => ({
        type: 'PageRequested',
        data: { incidentId, pageId, level, attempt, target, idempotencyKey, requestedAt },
      }));
    }
    case 'RecordPageDelivery': {
      const incident = requireLegal(command, state);
      const { incidentId, pageId, channel, deliveredAt } = command.data;
      const page = findPage(incident, pageId) ?? reject(command, state, `page ${pageId} was never requested`);
      if (page.outcome !== 'requested') reject(command, state, `page ${pageId} is already ${page.outcome}`);
      const { level, attempt, target, idempotencyKey } = page;
      return [
        {
          type: 'PageDelivered',
          data: { incidentId, pageId, level, attempt, target, channel, idempotencyKey, deliveredAt },
        },
      ];
    }
    case 'RecordPageFailure': {
      const incident = requireLegal(command, state);
      const { incidentId, pageId, reason, failedAt } = command.data;
      const page = findPage(incident, pageId) ?? reject(command, state, `page ${pageId} was never requested`);
      if (page.outcome !== 'requested') reject(command, state, `page ${pageId} is already ${page.outcome}`);
      const { level, attempt, target } = page;
      return [{ type: 'PageFailed', data: { incidentId, pageId, level, attempt, target, reason, failedAt } }];
    }
    case 'StartSlaClocks': {
      const incident = requireLegal(command, state);
      const { incidentId, clocks, startedAt } = command.data;
      const running = clocks.find((clock) => incident.slaClocks.includes(clock.sla) && !restartsAtMilestone(clock.sla));
      if (running) reject(command, state, `the ${running.sla} clock of this response cycle already started`);
      return clocks.map(({ sla, targetMinutes }) => ({
        type: 'SlaClockStarted',
        data: { incidentId, sla, targetMinutes, dueAt: plusMinutes(startedAt, targetMinutes), startedAt },
      }));
    }
    default:
      return assertNever(command, 'paging command');
  }
};
