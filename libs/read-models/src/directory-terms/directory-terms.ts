import type { Severity } from '@incident/domain';
import type { Directory, Severity as DirectorySeverity } from '@incident/directory';

/**
 * The few facts of the directory the projections need, taken from the version in force at an event's place in
 * the log: how often a customer must hear about an incident, and how many minutes a customer has pre-approved
 * per month. Nothing else of the directory is kept.
 */
export interface DirectoryTerms {
  /** Minutes between customer updates for an incident of this severity; undefined without a directory. */
  customerUpdateEveryMinutes(severity: Severity): number | undefined;
  /** The customer's pre-approved minutes per month; undefined for a customer the directory does not list. */
  preApprovedMinutes(customerId: string): number | undefined;
}

/** Before the first directory version: nothing is known. */
export const NO_TERMS: DirectoryTerms = {
  customerUpdateEveryMinutes: () => undefined,
  preApprovedMinutes: () => undefined,
};

/** The directory names severities as monitoring does; incidents use the ticket scale (intake maps the same way). */
const DIRECTORY_SEVERITY: Readonly<Record<Severity, DirectorySeverity>> = {
  urgent: 'critical',
  high: 'high',
  normal: 'medium',
  low: 'low',
};

export function termsOf(directory: Directory): DirectoryTerms {
  const minutesPerMonth = new Map(
    directory.customers.map((customer) => [customer.id, Math.round(customer.preApprovedHoursPerMonth * 60)]),
  );
  return {
    customerUpdateEveryMinutes: (severity) => directory.sla[DIRECTORY_SEVERITY[severity]]?.customerUpdateEveryMinutes,
    preApprovedMinutes: (customerId) => minutesPerMonth.get(customerId),
  };
}
