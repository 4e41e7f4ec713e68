import type { Severity } from '@incident/domain';
import { type Directory, type Severity as DirectorySeverity, teamOfPerson } from '@incident/directory';

/**
 * The few facts of the directory the projections need, taken from the version in force at an event's place in
 * the log: how often a customer must hear about an incident, and how many minutes a customer has pre-approved
 * per month, which team a person answers to. Nothing else of the directory is kept.
 */
export interface DirectoryTerms {
  /** Minutes between customer updates for an incident of this severity; undefined without a directory. */
  customerUpdateEveryMinutes(severity: Severity): number | undefined;
  /** The customer's pre-approved minutes per month; undefined for a customer the directory does not list. */
  preApprovedMinutes(customerId: string): number | undefined;
  /**
   * The team a person answers to (libs/directory's teamOfPerson); undefined for a person in no team. Optional so
   * that terms written out by hand (tests) need not say; absent reads as "in no team".
   */
  teamOf?(personId: string): string | undefined;
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
    teamOf: (personId) => teamOfPerson(directory, personId),
  };
}
