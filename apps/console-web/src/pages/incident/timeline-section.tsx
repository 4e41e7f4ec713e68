import { Table, Text, Title } from '@mantine/core';
import type { TimelineEntry } from '../../api/types';
import { Empty } from '../../components/states';
import { formatTime } from '../../format';

export function TimelineSection({ entries }: { readonly entries: readonly TimelineEntry[] }) {
  return (
    <section aria-labelledby="timeline-title">
      <Title order={2} size="h3" id="timeline-title">
        Timeline
      </Title>
      {entries.length === 0 ? (
        <Empty>Nothing recorded yet.</Empty>
      ) : (
        <Table data-testid="timeline">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">When</Table.Th>
              <Table.Th scope="col">What</Table.Th>
              <Table.Th scope="col">By</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => (
              <Table.Tr key={entry.eventId} data-event-type={entry.eventType}>
                <Table.Td>
                  <Text size="sm">{formatTime(entry.occurredAt)}</Text>
                </Table.Td>
                <Table.Td>{entry.summary}</Table.Td>
                <Table.Td>
                  {entry.actor.id} ({entry.actor.kind})
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}
