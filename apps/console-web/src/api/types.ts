import type { IncidentCategory, IncidentStatus, Severity } from '@incident/domain';

export type Role = 'responder' | 'admin' | 'auditor' | 'customer';

/** GET /auth/session: who is signed in, and the token every write sends back as X-CSRF-Token. */
export interface Session {
  readonly subject: string;
  readonly role: Role;
  readonly csrfToken: string;
}

/** One row of read_models.incident_summary as the query API (and the live stream) gives it. */
export interface IncidentSummary {
  readonly incidentId: string;
  readonly status: Exclude<IncidentStatus, 'initial'>;
  readonly severity: Severity | null;
  readonly category: IncidentCategory | null;
  readonly team: string | null;
  readonly customerId: string;
  readonly service: string;
  readonly title: string;
  readonly source: string;
  readonly alertCount: number;
  readonly reopenCount: number;
  readonly pageCount: number;
  readonly escalationLevel: number;
  readonly assignee: string | null;
  readonly assigneeKind: 'person' | 'team' | null;
  readonly drill: boolean;
  readonly slaBreached: boolean;
  readonly loggedMinutes: number;
  readonly reviewRequired: boolean | null;
  readonly disposition: string | null;
  readonly dispositionReason: string | null;
  readonly lastCustomerUpdateAt: string | null;
  readonly nextCustomerUpdateDue: string | null;
  readonly links: readonly { readonly incidentId: string; readonly relation: string }[];
  readonly openedAt: string;
  readonly acknowledgedAt: string | null;
  readonly mitigatedAt: string | null;
  readonly resolvedAt: string | null;
  readonly closedAt: string | null;
  readonly lastEventAt: string;
  readonly lastRevision: number;
}

export interface TimelineEntry {
  readonly streamRevision: number;
  readonly eventId: string;
  readonly eventType: string;
  readonly summary: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: { readonly kind: string; readonly id: string };
  readonly details: Readonly<Record<string, unknown>>;
}

export interface OncallPageRow {
  readonly pageId: string;
  readonly responderId: string;
  readonly channel: string;
  readonly escalationLevel: number;
  readonly pagedAt: string;
  readonly outcome: string;
  readonly answeredAt: string | null;
  readonly answeredBy: string | null;
}

export interface SlaClock {
  readonly incidentId: string;
  readonly cycle: number;
  readonly sla: string;
  readonly state: string;
  readonly targetMinutes: number | null;
  readonly dueAt: string | null;
}

export interface CustomerHours {
  readonly customerId: string;
  readonly period: string;
  readonly budgetMinutes: number | null;
  readonly usedMinutes: number;
  readonly remainingMinutes: number | null;
  readonly overrunMinutes: number;
}

export interface HistoryEntry {
  readonly revision: number;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: { readonly recordedAt: string; readonly actor: { readonly kind: string; readonly id: string } };
  readonly hash: string;
}

export interface StateAsOf {
  readonly revision: number;
  readonly eventsApplied: number;
  readonly state: { readonly status: string; readonly severity?: string | null; readonly assignee?: string | null };
}

export type Verification =
  | { readonly ok: true; readonly events: number; readonly lastHash: string }
  | { readonly ok: false; readonly events: number; readonly firstBrokenRevision: number; readonly reason: string };

export interface OnCallView {
  readonly at: string;
  readonly teams: readonly {
    readonly teamId: string;
    readonly name: string;
    readonly escalationPolicy: string | null;
    readonly pagedFirst: readonly { readonly personId: string; readonly name: string }[];
  }[];
  readonly schedules: readonly {
    readonly scheduleId: string;
    readonly name: string;
    readonly timeZone: string;
    readonly onCall: readonly {
      readonly personId: string;
      readonly name: string;
      readonly layer: string | null;
      readonly override: boolean;
      readonly from: string;
      readonly until: string;
    }[];
  }[];
}
