import { type ChangeRecorded, CHANGE_RECORDED, isChangeStream } from '@incident/domain';
import type { RecordedEvent } from '@incident/event-store';
import type { EntityManager } from 'typeorm';
import type { Projection } from '../projection/projection';
import { upsertRows } from '../projection/upsert-rows';
import { RecentChange } from './recent-change.entity';

/** The row a recorded change becomes; pure. */
export function recentChangeRow(event: RecordedEvent): RecentChange {
  const data = event.data as ChangeRecorded['data'];
  return {
    changeId: data.changeId,
    customerId: data.customerId,
    service: data.service,
    changeType: data.changeType,
    summary: data.summary,
    source: data.source,
    occurredAt: new Date(data.occurredAt),
    recordedAt: new Date(event.metadata.recordedAt),
    integrationId: data.integrationId,
    links: data.links.map((link) => ({ href: link.href, text: link.text })),
    details: { ...data.details },
    globalPosition: event.globalPosition.toString(),
  };
}

/**
 * Changes live on their services' streams, not on incidents', so this projection handles no incident event and
 * reads the recorded change events instead (Projection.recorded). A change is never updated: an upsert by its id
 * makes a page applied twice (never, by the checkpoint, but cheaply safe) leave one row.
 */
export const recentChangesProjection: Projection = {
  name: 'recent_changes',
  description: 'changes (deploys, configuration changes) per customer and service, by time',
  tables: ['recent_changes'],
  handles: new Set(),
  apply: () => Promise.resolve(),
  recorded: {
    accepts: (event) => event.type === CHANGE_RECORDED && isChangeStream(event.streamId),
    apply: (manager: EntityManager, events) => upsertRows(manager, RecentChange, events.map(recentChangeRow)),
  },
};
