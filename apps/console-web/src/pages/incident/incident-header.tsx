import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { apiGet } from '../../api/client';
import type { IncidentSummary, SlaClock } from '../../api/types';
import { useResource } from '../../api/use-resource';
import { SeverityBadge, StatusBadge } from '../../components/badges';
import { countdown, formatTime, words } from '../../format';
import { useNow } from '../../use-now';

/** A week ahead: every running clock of an incident is due within it. */
const CLOCK_HORIZON_MINUTES = 7 * 24 * 60;

export function IncidentHeader({
  incident,
  revision,
  showClocks,
}: {
  readonly incident: IncidentSummary;
  readonly revision: number;
  /** The SLA clocks come from a staff-only read (they span every customer). */
  readonly showClocks: boolean;
}) {
  const fact = (label: string, value: string) => (
    <div>
      <Text size="xs" fw={600}>
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  );
  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Title order={1}>{incident.title}</Title>
        {incident.drill && (
          <Badge variant="outline" className="badge-strong">
            drill
          </Badge>
        )}
      </Group>
      <Group gap="sm" data-testid="incident-status">
        <StatusBadge status={incident.status} />
        <SeverityBadge severity={incident.severity} />
        {incident.slaBreached && (
          <Badge color="red" variant="outline" className="badge-strong">
            SLA breached
          </Badge>
        )}
      </Group>
      <SimpleGrid cols={{ base: 2, md: 6 }}>
        {fact('Team', incident.team ?? '—')}
        {fact('Assignee', incident.assignee ? `${incident.assignee} (${incident.assigneeKind ?? 'person'})` : '—')}
        {fact('Customer', incident.customerId)}
        {fact('Service', incident.service)}
        {fact('Category', words(incident.category))}
        {fact('Escalation level', String(incident.escalationLevel))}
        {fact('Opened', formatTime(incident.openedAt))}
        {fact('Acknowledged', formatTime(incident.acknowledgedAt))}
        {fact('Mitigated', formatTime(incident.mitigatedAt))}
        {fact('Resolved', formatTime(incident.resolvedAt))}
        {fact('Alerts', String(incident.alertCount))}
        {fact('Reopened', `${incident.reopenCount} time(s)`)}
      </SimpleGrid>
      {showClocks && <SlaClocks incidentId={incident.incidentId} revision={revision} />}
    </Stack>
  );
}

function SlaClocks({ incidentId, revision }: { readonly incidentId: string; readonly revision: number }) {
  const [clocks] = useResource(
    `sla:${incidentId}`,
    (signal) => apiGet<{ items: SlaClock[] }>(`/v1/sla/at-risk?withinMinutes=${CLOCK_HORIZON_MINUTES}`, signal),
    revision,
  );
  const now = useNow();
  if (clocks.state !== 'ready') return null;
  const mine = clocks.value.items.filter(
    (clock): clock is SlaClock & { dueAt: string } => clock.incidentId === incidentId && clock.dueAt !== null,
  );
  return (
    <section aria-label="SLA clocks">
      <Group gap="sm">
        <Text size="sm" fw={600}>
          SLA clocks:
        </Text>
        {mine.length === 0 && <Text size="sm">none running</Text>}
        {mine.map((clock) => {
          const left = countdown(clock.dueAt, now);
          return (
            <Paper key={clock.sla} withBorder px="sm" py={4} c={left.overdue ? 'red.9' : undefined}>
              <Text size="sm">
                {words(clock.sla)} ({clock.targetMinutes ?? '?'} min): <strong>{left.text}</strong>
              </Text>
            </Paper>
          );
        })}
      </Group>
    </section>
  );
}
