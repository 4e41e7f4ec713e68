import { Table, Title } from '@mantine/core';
import { apiGetIfServed } from '../../api/client';
import { useResource } from '../../api/use-resource';
import { Empty } from '../../components/states';

interface Counts {
  readonly teams: readonly {
    readonly team: string;
    readonly open: number;
    readonly overdue: number;
    readonly done: number;
  }[];
}

/** Open and overdue review action items per team (GET /v1/action-items/counts), where the query service has it. */
export function ActionItemCounts() {
  const [counts] = useResource('action-items:counts', (signal) =>
    apiGetIfServed<Counts>('/v1/action-items/counts', signal),
  );
  if (counts.state !== 'ready' || counts.value === null) return null;
  return (
    <section aria-labelledby="action-items-title">
      <Title order={2} size="h3" id="action-items-title">
        Review action items
      </Title>
      {counts.value.teams.length === 0 ? (
        <Empty>No action items yet.</Empty>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Team</Table.Th>
              <Table.Th scope="col">Open</Table.Th>
              <Table.Th scope="col">Overdue</Table.Th>
              <Table.Th scope="col">Done</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {counts.value.teams.map((row) => (
              <Table.Tr key={row.team}>
                <Table.Td>{row.team}</Table.Td>
                <Table.Td>{row.open}</Table.Td>
                <Table.Td>{row.overdue}</Table.Td>
                <Table.Td>{row.done}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}
