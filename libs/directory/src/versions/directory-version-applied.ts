import { DIRECTORY_SECTIONS, type Directory } from '../directory';

/** The one stream every directory version lives in. */
export const DIRECTORY_STREAM = 'directory';

/** The sections counted in a version's summary, in the file's order (stored JSON does not keep key order). */
export const SUMMARY_SECTIONS = DIRECTORY_SECTIONS;

export type DirectorySummary = Readonly<Record<(typeof SUMMARY_SECTIONS)[number], number>>;

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

export { sha256Of } from './config-versions';

export const summarize = (directory: Directory): DirectorySummary =>
  Object.fromEntries(SUMMARY_SECTIONS.map((section) => [section, directory[section].length])) as DirectorySummary;
