import { Group, List, Progress, Stack, Text, Title } from '@mantine/core';
import { apiGet } from '../../api/client';
import type { CustomerHours, IncidentSummary, TimelineEntry } from '../../api/types';
import { useResource } from '../../api/use-resource';
import { Empty } from '../../components/states';
import { countdown, formatMinutes, formatTime } from '../../format';
import { useNow } from '../../use-now';
import { customerUpdates } from './remediation-steps';

/** What the customer heard and when they hear next; this incident's time against their pre-approved hours. */
export function CustomerSection(props: {
  readonly incident: IncidentSummary;
  readonly entries: readonly TimelineEntry[];
}) {
  const { incident } = props;
  const updates = customerUpdates(props.entries);
  const now = useNow();
  const month = new Date().toISOString().slice(0, 7);
  const [hours] = useResource(
    `hours:${incident.customerId}:${month}`,
    (signal) =>
      apiGet<CustomerHours>(`/v1/customers/${encodeURIComponent(incident.customerId)}/hours?period=${month}`, signal),
    incident.loggedMinutes,
  );
  const due = incident.nextCustomerUpdateDue ? countdown(incident.nextCustomerUpdateDue, now) : null;
  return (
    <Group align="flex-start" grow>
      <section aria-labelledby="customer-updates-title">
        <Title order={2} size="h3" id="customer-updates-title">
          Customer updates
        </Title>
        <Text size="sm" mt="xs">
          Next update due:{' '}
          {due ? (
            <strong style={due.overdue ? { color: 'var(--mantine-color-red-9)' } : undefined}>
              {formatTime(incident.nextCustomerUpdateDue)} ({due.text})
            </strong>
          ) : (
            'none promised (see the customer update SLA clock above, when one runs)'
          )}
        </Text>
        {updates.length === 0 ? (
          <Empty>The customer has not been told anything yet.</Empty>
        ) : (
          <List size="sm" mt="xs">
            {updates.map((update) => (
              <List.Item key={update.eventId}>
                {formatTime(update.occurredAt)}: {update.summary}
              </List.Item>
            ))}
          </List>
        )}
      </section>
      <section aria-labelledby="hours-title">
        <Title order={2} size="h3" id="hours-title">
          Time against the customer&apos;s hours
        </Title>
        <Stack gap={4} mt="xs">
          <Text size="sm">Logged on this incident: {formatMinutes(incident.loggedMinutes)}</Text>
          {hours.state === 'ready' && hours.value.budgetMinutes !== null ? (
            <>
              <Text size="sm">
                {incident.customerId} in {hours.value.period}: {formatMinutes(hours.value.usedMinutes)} of{' '}
                {formatMinutes(hours.value.budgetMinutes)} pre-approved
                {hours.value.overrunMinutes > 0 && `, over by ${formatMinutes(hours.value.overrunMinutes)}`}
              </Text>
              <Progress
                aria-label="Share of the pre-approved hours used"
                value={Math.min(100, (100 * hours.value.usedMinutes) / Math.max(1, hours.value.budgetMinutes))}
                color={hours.value.overrunMinutes > 0 ? 'red' : 'blue'}
              />
            </>
          ) : (
            <Text size="sm">{hours.state === 'loading' ? 'Loading the budget…' : 'No pre-approved budget known.'}</Text>
          )}
        </Stack>
      </section>
    </Group>
  );
}
