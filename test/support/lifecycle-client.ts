import request from 'supertest';
import { eventually } from '@incident/testing';
import { bearer, type LifecycleService, type LifecycleStack } from './lifecycle-stack';

/** The machine runs seven services beside PostgreSQL, Kafka and other suites: waits are generous, never timed. */
export const PATIENCE = { timeoutMs: 180_000, intervalMs: 500 };

export interface IncidentRow {
  readonly incidentId: string;
  readonly status: string;
  readonly severity: string | null;
  readonly team: string | null;
  readonly drill: boolean;
  readonly title: string;
  readonly triagedAt: string | null;
}

export interface TimelineEntry {
  readonly eventType: string;
  readonly actor: { readonly kind: string; readonly id: string };
  readonly details: Readonly<Record<string, unknown>>;
}

export interface ReviewView {
  readonly status: string;
  readonly revision: number;
  readonly requirement: { readonly required: boolean; readonly ruleId: string; readonly drill?: boolean };
}

/**
 * What the story's people and dashboards see, through the services' public HTTP APIs only: query's incidents
 * and timelines, the review service's review. Every read is by a bearer token minted for it.
 */
export class LifecycleClient {
  constructor(private readonly stack: LifecycleStack) {}

  http(service: LifecycleService) {
    return request(this.stack.url(service));
  }

  /** The incident with this title once query has projected it (titles are unique within the story). */
  incidentTitled(title: string): Promise<IncidentRow> {
    return eventually(
      `the incident "${title}" in the query API`,
      async () => {
        const { body } = await this.http('query')
          .get('/v1/incidents')
          .set('Authorization', bearer('viewer'))
          .expect(200);
        return (body.items as IncidentRow[]).find((row) => row.title === title);
      },
      PATIENCE,
    );
  }

  /** Query's row of the incident once `holds` is true of it. */
  until(what: string, incidentId: string, holds: (row: IncidentRow) => boolean): Promise<IncidentRow> {
    return eventually(
      `incident ${incidentId} ${what}`,
      async () => {
        const response = await this.http('query')
          .get(`/v1/incidents/${incidentId}`)
          .set('Authorization', bearer('viewer'));
        const row = response.status === 200 ? (response.body as IncidentRow) : undefined;
        return row && holds(row) ? row : undefined;
      },
      PATIENCE,
    );
  }

  /** The incident's timeline (auditor's view) once `holds` is true of it. */
  timelineOnce(
    what: string,
    incidentId: string,
    holds: (entries: TimelineEntry[]) => boolean,
  ): Promise<TimelineEntry[]> {
    return eventually(
      `the timeline of ${incidentId} ${what}`,
      async () => {
        const { body } = await this.http('query')
          .get(`/v1/incidents/${incidentId}/timeline`)
          .set('Authorization', bearer('auditor', ['auditor']))
          .expect(200);
        const entries = body.entries as TimelineEntry[];
        return holds(entries) ? entries : undefined;
      },
      PATIENCE,
    );
  }

  /** The timeline once it holds the closing (a page's delivery may still be recorded after it). */
  closedTimeline(incidentId: string): Promise<TimelineEntry[]> {
    return this.timelineOnce('closed', incidentId, (entries) => entries.some((e) => e.eventType === 'IncidentClosed'));
  }

  async review(incidentId: string): Promise<ReviewView> {
    const response = await this.http('review')
      .get(`/v1/incidents/${incidentId}/review`)
      .set('Authorization', bearer('viewer'));
    return response.body as ReviewView;
  }

  /** The review once the review service has started it. */
  reviewStarted(incidentId: string): Promise<ReviewView> {
    return eventually(
      `the review of ${incidentId} started`,
      async () => {
        const review = await this.review(incidentId);
        return review.status === 'in_review' ? review : undefined;
      },
      PATIENCE,
    );
  }

  /** One edit of the review by `person` at the revision just read (If-Match), answered with `status`. */
  async editReview(incidentId: string, path: string, person: string, body: object, status = 200) {
    const { revision } = await this.review(incidentId);
    return this.http('review')
      .post(`/v1/incidents/${incidentId}/review/${path}`)
      .set('Authorization', bearer(person))
      .set('If-Match', `"${revision}"`)
      .send(body)
      .expect(status);
  }

  /** Waits for whatever `find` finds among the e-mails received so far. */
  mail<T>(what: string, find: (received: LifecycleStack['smtp']['received']) => T | undefined): Promise<T> {
    return eventually(what, async () => find(this.stack.smtp.received), PATIENCE);
  }
}
