import { reject } from './decision-guards';
import type { MitigateIncident } from './incident-commands';
import { findContainment, findRemediation, type IncidentState, type OpenedIncident } from './incident-state';
import type { MitigationSource } from './incident-values';

/**
 * What a mitigation names as having achieved it must be on record: a remediation that was carried out, or a
 * containment still in place. Returns the source for the event, `null` when the mitigation names none.
 */
export const mitigationSource = (
  command: MitigateIncident,
  state: IncidentState,
  incident: OpenedIncident,
): MitigationSource | null => {
  const source = command.data.achievedBy;
  if (source === undefined) return null;
  const { kind, id } = source;
  if (kind === 'remediation') {
    const remediation = findRemediation(incident, id) ?? reject(command, state, `remediation ${id} was never proposed`);
    if (remediation.status !== 'executed')
      reject(command, state, `remediation ${id} is ${remediation.status}, not executed`);
  } else {
    const containment = findContainment(incident, id) ?? reject(command, state, `containment ${id} was never applied`);
    if (containment.liftedAt !== null)
      reject(command, state, `containment ${id} was lifted at ${containment.liftedAt}`);
  }
  return { kind, id };
};
