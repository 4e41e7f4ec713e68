import { Group, Paper, Text } from '@mantine/core';
import { SEVERITIES } from '@incident/domain';
import type { IncidentSummary } from '../../api/types';
import { words } from '../../format';
import { countBy } from './incident-filters';

const STATUS_ORDER = [
  'triggered',
  'triaged',
  'acknowledged',
  'mitigated',
  'resolved',
  'in_review',
  'closed',
  'no_action',
  'returned_to_customer',
];

/** Counts of the listed incidents, by severity and by status: what is on fire at a glance. */
export function IncidentCounts({ list }: { readonly list: readonly IncidentSummary[] }) {
  const bySeverity = countBy(list, 'severity');
  const byStatus = countBy(list, 'status');
  return (
    <Group align="flex-start" gap="xl">
      <CountRow label="By severity" order={[...SEVERITIES, 'unknown']} counts={bySeverity} />
      <CountRow label="By status" order={STATUS_ORDER} counts={byStatus} />
    </Group>
  );
}

function CountRow({
  label,
  order,
  counts,
}: {
  readonly label: string;
  readonly order: readonly string[];
  readonly counts: Map<string, number>;
}) {
  const shown = order.filter((key) => (counts.get(key) ?? 0) > 0);
  return (
    <section aria-label={label}>
      <Text fw={600} size="sm">
        {label}
      </Text>
      <Group gap="xs" mt={4}>
        {shown.length === 0 && <Text size="sm">none</Text>}
        {shown.map((key) => (
          <Paper key={key} withBorder px="sm" py={4} data-count={key}>
            <Text size="sm">
              {words(key)}: <strong>{counts.get(key)}</strong>
            </Text>
          </Paper>
        ))}
      </Group>
    </section>
  );
}
