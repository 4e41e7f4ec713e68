import { createHash } from 'node:crypto';
import type { Directory } from '../directory';

/** The one stream every directory version lives in. */
export const DIRECTORY_STREAM = 'directory';

export interface DirectorySummary {
  readonly customers: number;
  readonly teams: number;
  readonly people: number;
  readonly services: number;
  readonly schedules: number;
  readonly escalationPolicies: number;
  readonly maintenanceWindows: number;
}

/**
 * A version of the directory came into force. The whole YAML text travels in the event (it is a few kilobytes),
 * so any version can be restored byte for byte and its sha256 checked against the file an operator holds.
 */
export interface DirectoryVersionApplied {
  readonly type: 'DirectoryVersionApplied';
  readonly data: {
    readonly version: number;
    readonly sha256: string;
    readonly fileName: string;
    readonly summary: DirectorySummary;
    readonly yaml: string;
  };
}

export const sha256Of = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const summarize = (directory: Directory): DirectorySummary => ({
  customers: directory.customers.length,
  teams: directory.teams.length,
  people: directory.people.length,
  services: directory.services.length,
  schedules: directory.schedules.length,
  escalationPolicies: directory.escalationPolicies.length,
  maintenanceWindows: directory.maintenanceWindows.length,
});
