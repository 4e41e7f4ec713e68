import { Table, Title } from '@mantine/core';
import { mayApproveRemediation, useSession } from '../../api/session';
import type { IncidentSummary, TimelineEntry } from '../../api/types';
import { Empty } from '../../components/states';
import { formatTime, words } from '../../format';
import { approvalActions } from './approval-actions';
import { CommandButtons } from './command-buttons';
import { remediationSteps } from './remediation-steps';

export function RemediationSection(props: {
  readonly incident: IncidentSummary;
  readonly entries: readonly TimelineEntry[];
}) {
  const { role } = useSession();
  const steps = remediationSteps(props.entries);
  return (
    <section aria-labelledby="remediation-title">
      <Title order={2} size="h3" id="remediation-title">
        Remediation steps and approvals
      </Title>
      {steps.length === 0 ? (
        <Empty>No remediation or containment yet.</Empty>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Step</Table.Th>
              <Table.Th scope="col">Action</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Approval</Table.Th>
              <Table.Th scope="col">Last change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {steps.map((step) => (
              <Table.Tr key={`${step.kind}:${step.id}`}>
                <Table.Td>
                  {step.kind} {step.id}
                  {step.description && ` — ${step.description}`}
                </Table.Td>
                <Table.Td>{words(step.action)}</Table.Td>
                <Table.Td>{step.status}</Table.Td>
                <Table.Td>
                  {step.approval ?? 'not needed'}
                  {step.status === 'waiting for approval' && mayApproveRemediation(role) && (
                    <CommandButtons incident={props.incident} actions={approvalActions(role, step.id)} size="xs" />
                  )}
                </Table.Td>
                <Table.Td>{formatTime(step.at)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}
