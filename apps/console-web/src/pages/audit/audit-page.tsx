import { Alert, Anchor, Button, Group, Paper, Slider, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { apiGet } from '../../api/client';
import type { HistoryEntry, StateAsOf, Verification } from '../../api/types';
import { useResource } from '../../api/use-resource';
import { StatusBadge } from '../../components/badges';
import { errorInWords, Loaded } from '../../components/states';
import { formatTime } from '../../format';
import { hrefOf } from '../../router';
import { IncidentPicker } from './incident-picker';

/**
 * The auditor's page: the history as stored, the state at any moment of it (rebuilt by the query service from
 * the event store, not the read models), and the hash chain's verdict.
 */
export function AuditPage({ id }: { readonly id: string | null }) {
  if (id === null) return <IncidentPicker />;
  return <IncidentAudit id={id} />;
}

function IncidentAudit({ id }: { readonly id: string }) {
  const [history, reload] = useResource(`history:${id}`, (signal) =>
    apiGet<{ events: HistoryEntry[] }>(`/v1/incidents/${id}/history`, signal),
  );
  return (
    <Stack gap="lg">
      <Title order={1}>Audit</Title>
      <Text size="sm">
        Incident <Anchor href={hrefOf.incident(id)}>{id}</Anchor>
      </Text>
      <Loaded resource={history} what="the history" retry={reload}>
        {({ events }) => (
          <>
            <TimeSlider id={id} events={events} />
            <Verify id={id} />
            <HistoryTable events={events} />
          </>
        )}
      </Loaded>
    </Stack>
  );
}

function TimeSlider({ id, events }: { readonly id: string; readonly events: readonly HistoryEntry[] }) {
  const last = events.length - 1;
  const [position, setPosition] = useState(last);
  const [settled, setSettled] = useState(last);
  const event = events[settled];
  const [state] = useResource(`state:${id}:${settled}`, (signal) =>
    apiGet<StateAsOf>(`/v1/incidents/${id}/state?revision=${events[settled]?.revision ?? 0}`, signal),
  );
  return (
    <section aria-labelledby="moment-title">
      <Title order={2} size="h3" id="moment-title">
        The incident at a moment
      </Title>
      <Text size="sm" id="slider-help">
        Move the slider (arrow keys, Home, End) through the {events.length} recorded events.
      </Text>
      <Slider
        mt="sm"
        mb="xl"
        min={0}
        max={Math.max(0, last)}
        step={1}
        value={position}
        onChange={setPosition}
        onChangeEnd={setSettled}
        label={(value) => formatTime(events[value]?.metadata.recordedAt)}
        thumbLabel="Moment in the incident's history"
        aria-describedby="slider-help"
        marks={events.map((_, index) => ({ value: index }))}
        data-testid="time-slider"
      />
      <Paper withBorder p="sm" data-testid="state-at-moment">
        <Text size="sm">
          At {formatTime(event?.metadata.recordedAt)} (revision {event?.revision}, after {event?.type}):
        </Text>
        <Loaded resource={state} what="the state then">
          {(then) => (
            <Group gap="sm" mt={4}>
              <Text size="sm">status</Text>
              <StatusBadge status={then.state.status} />
              <Text size="sm">
                severity {then.state.severity ?? '—'}, assignee {then.state.assignee ?? '—'}
              </Text>
            </Group>
          )}
        </Loaded>
      </Paper>
    </section>
  );
}

function Verify({ id }: { readonly id: string }) {
  const [result, setResult] = useState<Verification | { error: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      setResult(await apiGet<Verification>(`/v1/incidents/${id}/verify`));
    } catch (error) {
      setResult({ error: errorInWords(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="verify-title">
      <Title order={2} size="h3" id="verify-title">
        Tamper evidence
      </Title>
      <Button mt="xs" onClick={() => void run()} loading={busy}>
        Verify the hash chain
      </Button>
      <div aria-live="polite" data-testid="verify-result">
        {result && 'error' in result && (
          <Alert mt="sm" color="red" role="alert">
            {result.error}
          </Alert>
        )}
        {result && 'ok' in result && result.ok && (
          <Alert mt="sm" color="green" title="The chain holds">
            All {result.events} events verify; last hash {result.lastHash.slice(0, 16)}…
          </Alert>
        )}
        {result && 'ok' in result && !result.ok && (
          <Alert mt="sm" color="red" title="The chain is broken" role="alert">
            First broken revision: {result.firstBrokenRevision} ({result.reason}); {result.events} events read.
          </Alert>
        )}
      </div>
    </section>
  );
}

function HistoryTable({ events }: { readonly events: readonly HistoryEntry[] }) {
  return (
    <section aria-labelledby="history-title">
      <Title order={2} size="h3" id="history-title">
        History as stored
      </Title>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Revision</Table.Th>
            <Table.Th scope="col">Recorded</Table.Th>
            <Table.Th scope="col">Event</Table.Th>
            <Table.Th scope="col">Actor</Table.Th>
            <Table.Th scope="col">Hash</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={event.revision}>
              <Table.Td>{event.revision}</Table.Td>
              <Table.Td>{formatTime(event.metadata.recordedAt)}</Table.Td>
              <Table.Td>{event.type}</Table.Td>
              <Table.Td>
                {event.metadata.actor.id} ({event.metadata.actor.kind})
              </Table.Td>
              <Table.Td>
                <code>{event.hash.slice(0, 12)}</code>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}
