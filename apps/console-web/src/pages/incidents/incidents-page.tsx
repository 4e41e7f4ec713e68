import { Anchor, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { apiGet } from '../../api/client';
import { useIncidentStream } from '../../api/incident-stream';
import type { IncidentSummary } from '../../api/types';
import { useResource } from '../../api/use-resource';
import { SeverityBadge, StatusBadge } from '../../components/badges';
import { Empty, Loaded } from '../../components/states';
import { formatTime } from '../../format';
import { hrefOf } from '../../router';
import { IncidentCounts } from './incident-counts';
import { applyIncidentChange, filtersToQuery, type IncidentFilters, NO_FILTERS } from './incident-filters';
import { IncidentFiltersForm } from './incident-filters-form';

/** The live list: one read of the API per filter change, then the stream's pushes applied in place. */
export function IncidentsPage() {
  const [filters, setFilters] = useState<IncidentFilters>(NO_FILTERS);
  // Typing a team name reads the API once the typing pauses, not on every key.
  const [settled] = useDebouncedValue(filters, 300);
  const query = filtersToQuery(settled);
  const [page, reload] = useResource(query, (signal) =>
    apiGet<{ items: IncidentSummary[] }>(`/v1/incidents?${query}`, signal),
  );
  const [list, setList] = useState<readonly IncidentSummary[]>([]);
  useEffect(() => {
    if (page.state === 'ready') setList(page.value.items);
  }, [page]);
  const stream = useIncidentStream(
    (incident) => setList((shown) => applyIncidentChange(shown, incident, filters)),
    reload,
  );

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Incidents</Title>
        <Badge
          variant="dot"
          color={stream === 'live' ? 'green' : 'orange'}
          className="badge-strong"
          role="status"
          data-testid="stream-state"
        >
          {stream === 'live' ? 'live' : stream === 'connecting' ? 'connecting…' : 'reconnecting…'}
        </Badge>
      </Group>
      <IncidentFiltersForm filters={filters} onChange={setFilters} />
      <Loaded resource={page} what="incidents" retry={reload}>
        {() => (
          <>
            <IncidentCounts list={list} />
            {list.length === 0 ? <Empty>No incidents match these filters.</Empty> : <IncidentTable list={list} />}
          </>
        )}
      </Loaded>
    </Stack>
  );
}

function IncidentTable({ list }: { readonly list: readonly IncidentSummary[] }) {
  return (
    <Table striped highlightOnHover data-testid="incident-list" aria-label="Incidents, newest first">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Title</Table.Th>
          <Table.Th scope="col">Status</Table.Th>
          <Table.Th scope="col">Severity</Table.Th>
          <Table.Th scope="col">Team</Table.Th>
          <Table.Th scope="col">Customer</Table.Th>
          <Table.Th scope="col">Assignee</Table.Th>
          <Table.Th scope="col">Opened</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.map((incident) => (
          <Table.Tr key={incident.incidentId} data-incident-id={incident.incidentId}>
            <Table.Td>
              <Anchor href={hrefOf.incident(incident.incidentId)}>{incident.title}</Anchor>
              {incident.drill && (
                <Badge ml="xs" size="xs" variant="outline" className="badge-strong">
                  drill
                </Badge>
              )}
              {incident.slaBreached && (
                <Badge ml="xs" size="xs" color="red" variant="outline" className="badge-strong">
                  SLA breached
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              <StatusBadge status={incident.status} />
            </Table.Td>
            <Table.Td>
              <SeverityBadge severity={incident.severity} />
            </Table.Td>
            <Table.Td>{incident.team ?? '—'}</Table.Td>
            <Table.Td>{incident.customerId}</Table.Td>
            <Table.Td>{incident.assignee ?? '—'}</Table.Td>
            <Table.Td>
              <Text size="sm">{formatTime(incident.openedAt)}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
