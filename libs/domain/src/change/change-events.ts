import type { IsoTimestamp } from '../incident';

/**
 * Changes (issue 21): deploys, configuration changes and the like, sent by the teams that make them (PagerDuty's
 * change events, or the generic `POST /v1/changes`). A change is a plain fact with no lifecycle and no rule that
 * could refuse it, so there is no decider: intake appends `ChangeRecorded` to the stream of the service it is
 * about (at any revision), and triage, review and the `recent_changes` read model read it from there.
 */
export const CHANGE_RECORDED = 'ChangeRecorded';

/** Change types are free text (`deploy`, `config`, `feature_flag`, ...); this is the type of one that names none. */
export const DEFAULT_CHANGE_TYPE = 'change';

export interface ChangeLink {
  readonly href: string;
  readonly text: string | null;
}

export interface ChangeRecorded {
  readonly type: typeof CHANGE_RECORDED;
  readonly data: {
    readonly changeId: string;
    readonly integrationId: string;
    readonly customerId: string;
    readonly service: string;
    /** Lower-case: `deploy`, `config`, ... ; `change` when the publisher said nothing. */
    readonly changeType: string;
    readonly summary: string;
    /** Who or what made the change (the CI job, the host, the person). */
    readonly source: string;
    /** When the change happened, as the publisher says (PagerDuty's `payload.timestamp`), else when it arrived. */
    readonly occurredAt: IsoTimestamp;
    readonly details: Readonly<Record<string, unknown>>;
    readonly links: readonly ChangeLink[];
  };
}

export const CHANGE_STREAM_PREFIX = 'changes-';

/**
 * One stream per customer's service: whoever asks "what changed on this service before the incident" reads only
 * that stream. Both parts are free text, so each is URI-encoded (which encodes the `:` between them).
 */
export const changeStreamId = (customerId: string, service: string): string =>
  `${CHANGE_STREAM_PREFIX}${encodeURIComponent(customerId)}:${encodeURIComponent(service)}`;

export const isChangeStream = (streamId: string): boolean => streamId.startsWith(CHANGE_STREAM_PREFIX);
