import { Table, Title } from '@mantine/core';
import { apiGet } from '../../api/client';
import type { OncallPageRow, TimelineEntry } from '../../api/types';
import { useResource } from '../../api/use-resource';
import { Empty, Loaded } from '../../components/states';
import { formatTime } from '../../format';
import { pagesSent } from './pages-sent';

export function PagesSection(props: {
  readonly incidentId: string;
  readonly revision: number;
  readonly entries: readonly TimelineEntry[];
}) {
  const [rows, reload] = useResource(
    `pages:${props.incidentId}`,
    (signal) => apiGet<{ items: OncallPageRow[] }>(`/v1/incidents/${props.incidentId}/pages`, signal),
    props.revision,
  );
  return (
    <section aria-labelledby="pages-title">
      <Title order={2} size="h3" id="pages-title">
        Pages sent
      </Title>
      <Loaded resource={rows} what="the pages" retry={reload}>
        {({ items }) => {
          const pages = pagesSent(props.entries, items);
          return pages.length === 0 ? (
            <Empty>Nobody has been paged.</Empty>
          ) : (
            <Table data-testid="pages">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Paged</Table.Th>
                  <Table.Th scope="col">Who</Table.Th>
                  <Table.Th scope="col">Level</Table.Th>
                  <Table.Th scope="col">Delivery</Table.Th>
                  <Table.Th scope="col">Outcome</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {pages.map((page) => (
                  <Table.Tr key={page.pageId}>
                    <Table.Td>{formatTime(page.at)}</Table.Td>
                    <Table.Td>{page.target}</Table.Td>
                    <Table.Td>{page.level}</Table.Td>
                    <Table.Td>{page.delivery}</Table.Td>
                    <Table.Td>{page.outcome ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          );
        }}
      </Loaded>
    </section>
  );
}
