import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { apiGet } from '../../api/client';
import type { OnCallView } from '../../api/types';
import { useResource } from '../../api/use-resource';
import { Empty, Loaded } from '../../components/states';
import { formatTime } from '../../format';

/** Who is on call now and who is next, per team and schedule. */
export function OnCallPage() {
  const [now, reload] = useResource('oncall:now', (signal) => apiGet<OnCallView>('/v1/oncall', signal));
  return (
    <Stack>
      <Title order={1}>On call</Title>
      <Loaded resource={now} what="who is on call" retry={reload}>
        {(view) => (
          <>
            <Text size="sm">As of {formatTime(view.at)}.</Text>
            <Title order={2} size="h3">
              Teams
            </Title>
            {view.teams.length === 0 ? (
              <Empty>The directory lists no teams.</Empty>
            ) : (
              <SimpleGrid cols={{ base: 1, md: 3 }}>
                {view.teams.map((team) => (
                  <Card key={team.teamId} withBorder>
                    <Text fw={600}>{team.name}</Text>
                    <Text size="sm">Policy: {team.escalationPolicy ?? 'none'}</Text>
                    <Text size="sm">
                      Paged first: {team.pagedFirst.map((target) => target.name).join(', ') || 'nobody'}
                    </Text>
                  </Card>
                ))}
              </SimpleGrid>
            )}
            <Title order={2} size="h3">
              Schedules
            </Title>
            {view.schedules.length === 0 ? (
              <Empty>The directory lists no schedules.</Empty>
            ) : (
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Schedule</Table.Th>
                    <Table.Th scope="col">On call now</Table.Th>
                    <Table.Th scope="col">Until</Table.Th>
                    <Table.Th scope="col">Next</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {view.schedules.map((schedule) => {
                    const until = Math.min(...schedule.onCall.map((shift) => Date.parse(shift.until)));
                    return (
                      <Table.Tr key={schedule.scheduleId}>
                        <Table.Td>
                          {schedule.name}{' '}
                          <Text span size="xs">
                            ({schedule.timeZone})
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4}>
                            {schedule.onCall.length === 0 && 'nobody'}
                            {schedule.onCall.map((shift) => (
                              <span key={`${shift.personId}:${shift.layer ?? ''}`}>
                                {shift.name}
                                {shift.layer && ` (${shift.layer})`}
                                {shift.override && (
                                  <Badge ml={4} size="xs" variant="outline" className="badge-strong">
                                    override
                                  </Badge>
                                )}
                              </span>
                            ))}
                          </Group>
                        </Table.Td>
                        <Table.Td>{schedule.onCall.map((shift) => formatTime(shift.until)).join(', ') || '—'}</Table.Td>
                        <Table.Td>
                          <NextOnCall scheduleId={schedule.scheduleId} after={until} />
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            )}
          </>
        )}
      </Loaded>
    </Stack>
  );
}

/**
 * Who takes over when the current shift ends: asked of the escalation service for that moment, so overrides and
 * layers are resolved there, never re-implemented here.
 */
function NextOnCall({ scheduleId, after }: { readonly scheduleId: string; readonly after: number }) {
  const at = Number.isFinite(after) ? new Date(after + 1000).toISOString() : null;
  const [next] = useResource(`oncall:${scheduleId}:${at ?? ''}`, (signal) =>
    at === null ? Promise.resolve(null) : apiGet<OnCallView>(`/v1/oncall?at=${encodeURIComponent(at)}`, signal),
  );
  if (at === null) return <>—</>;
  if (next.state === 'loading') return <>Loading…</>;
  if (next.state === 'failed' || next.value === null) return <>unknown</>;
  const schedule = next.value.schedules.find((candidate) => candidate.scheduleId === scheduleId);
  const shifts = schedule?.onCall ?? [];
  return <>{shifts.map((shift) => `${shift.name} from ${formatTime(shift.from)}`).join(', ') || 'nobody'}</>;
}
