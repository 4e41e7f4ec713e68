import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { apiGet } from '../../api/client';
import { useIncidentStream } from '../../api/incident-stream';
import { isStaff, mayAudit, mayRespond, useSession } from '../../api/session';
import type { IncidentSummary, TimelineEntry } from '../../api/types';
import { useResource } from '../../api/use-resource';
import { Loaded } from '../../components/states';
import { hrefOf } from '../../router';
import { CustomerSection } from './customer-section';
import { IncidentHeader } from './incident-header';
import { PagesSection } from './pages-section';
import { RemediationSection } from './remediation-section';
import { ResponderActionsPanel } from './responder-actions-panel';
import { TimelineSection } from './timeline-section';

/**
 * One incident. The summary, timeline and pages are read once, then again whenever the live stream says the
 * incident changed (a command from this page included): no polling loop.
 */
export function IncidentPage({ id }: { readonly id: string }) {
  const session = useSession();
  const [summary, reloadSummary] = useResource(`incident:${id}`, (signal) =>
    apiGet<IncidentSummary>(`/v1/incidents/${id}`, signal),
  );
  const [changed, setChanged] = useState<IncidentSummary | null>(null);
  const [revision, setRevision] = useState(-1);
  useEffect(() => {
    setChanged(null);
    setRevision(-1);
  }, [id]);
  const [timeline, reloadTimeline] = useResource(
    `timeline:${id}`,
    (signal) => apiGet<{ entries: TimelineEntry[] }>(`/v1/incidents/${id}/timeline?limit=1000`, signal),
    revision,
  );
  useIncidentStream(
    (incident) => {
      if (incident.incidentId !== id) return;
      setChanged(incident);
      setRevision(incident.lastRevision);
    },
    () => {
      reloadSummary();
      reloadTimeline();
    },
  );

  return (
    <Loaded resource={summary} what="the incident" retry={reloadSummary}>
      {(loaded) => {
        const incident = changed && changed.lastRevision >= loaded.lastRevision ? changed : loaded;
        return (
          <Stack gap="lg">
            <IncidentHeader incident={incident} revision={revision} showClocks={isStaff(session.role)} />
            {mayRespond(session.role) && <ResponderActionsPanel incident={incident} />}
            <Group gap="md">
              <Text size="sm" fw={600}>
                See also:
              </Text>
              {isStaff(session.role) && <Anchor href={hrefOf.reviews(incident.incidentId)}>Review</Anchor>}
              {mayAudit(session.role) && <Anchor href={hrefOf.audit(incident.incidentId)}>Audit history</Anchor>}
              {incident.links.map((link) => (
                <Anchor key={link.incidentId} href={hrefOf.incident(link.incidentId)}>
                  {link.relation.replace(/_/g, ' ')} {link.incidentId.slice(0, 8)}
                </Anchor>
              ))}
            </Group>
            <Loaded resource={timeline} what="the timeline" retry={reloadTimeline}>
              {({ entries }) => (
                <>
                  <TimelineSection entries={entries} />
                  {isStaff(session.role) && (
                    <PagesSection incidentId={incident.incidentId} revision={revision} entries={entries} />
                  )}
                  <RemediationSection incident={incident} entries={entries} />
                  <CustomerSection incident={incident} entries={entries} />
                </>
              )}
            </Loaded>
          </Stack>
        );
      }}
    </Loaded>
  );
}
