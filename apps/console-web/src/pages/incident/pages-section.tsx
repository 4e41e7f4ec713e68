import { Table, Title } from '@mantine/core';
import { apiGet } from '../../api/client';
import type { OncallPageRow, TimelineEntry } from '../../api/types';
import { useResource } from '../../api/use-resource';
import { Empty, Loaded } from '../../components/states';
import { formatTime, words } from '../../format';

/** The delivery of each page, from PageDelivered / PageFailed in the timeline, by page id. */
function deliveries(entries: readonly TimelineEntry[]): Map<string, string> {
  const outcome = new Map<string, string>();
  for (const entry of entries) {
    const pageId = entry.details['pageId'];
    if (typeof pageId !== 'string') continue;
    if (entry.eventType === 'PageDelivered') outcome.set(pageId, 'delivered');
    if (entry.eventType === 'PageFailed') outcome.set(pageId, 'failed');
    if (entry.eventType === 'PageRequested' && !outcome.has(pageId)) outcome.set(pageId, 'requested');
  }
  return outcome;
}

export function PagesSection(props: {
  readonly incidentId: string;
  readonly revision: number;
  readonly entries: readonly TimelineEntry[];
}) {
  const [pages, reload] = useResource(`pages:${props.incidentId}:${props.revision}`, (signal) =>
    apiGet<{ items: OncallPageRow[] }>(`/v1/incidents/${props.incidentId}/pages`, signal),
  );
  const delivered = deliveries(props.entries);
  return (
    <section aria-labelledby="pages-title">
      <Title order={2} size="h3" id="pages-title">
        Pages sent
      </Title>
      <Loaded resource={pages} what="the pages" retry={reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>Nobody has been paged.</Empty>
          ) : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Responder</Table.Th>
                  <Table.Th scope="col">Channel</Table.Th>
                  <Table.Th scope="col">Level</Table.Th>
                  <Table.Th scope="col">Paged</Table.Th>
                  <Table.Th scope="col">Delivery</Table.Th>
                  <Table.Th scope="col">Outcome</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((page) => (
                  <Table.Tr key={page.pageId}>
                    <Table.Td>{page.responderId}</Table.Td>
                    <Table.Td>{page.channel}</Table.Td>
                    <Table.Td>{page.escalationLevel}</Table.Td>
                    <Table.Td>{formatTime(page.pagedAt)}</Table.Td>
                    <Table.Td>{delivered.get(page.pageId) ?? 'recorded'}</Table.Td>
                    <Table.Td>
                      {words(page.outcome)}
                      {page.answeredBy ? ` by ${page.answeredBy}` : ''}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </Loaded>
    </section>
  );
}
