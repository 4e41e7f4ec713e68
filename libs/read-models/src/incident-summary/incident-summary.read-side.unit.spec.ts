import type { DirectoryTerms } from '../directory-terms/directory-terms';
import type { IncidentSummary } from './incident-summary.entity';
import { evolveIncidentSummary } from './incident-summary.evolve';
import {
  acknowledged,
  event,
  minute,
  opened,
  projected,
  reclassifiedAsBug,
  resolved,
  severityChanged,
  triaged,
  withoutProvenance,
  withProvenance,
} from '../testing-support/projected';
import type { IncidentEvent } from '@incident/domain';

/** A directory that asks for customer updates every 30 minutes for urgent incidents and daily for low ones. */
const TERMS: DirectoryTerms = {
  customerUpdateEveryMinutes: (severity) => ({ urgent: 30, high: 60, normal: 240, low: 1440 })[severity],
  preApprovedMinutes: () => undefined,
};

const summaryAfter = (events: IncidentEvent[], terms?: DirectoryTerms) =>
  events.reduce<IncidentSummary | undefined>(
    (row, next, revision) => evolveIncidentSummary(row, projected(next, revision), terms),
    undefined,
  );

const notified = (at: number, nextUpdateDue: string | null = null) =>
  event('CustomerNotified', {
    channel: 'email',
    message: 'we are on it',
    nextUpdateDue,
    notifiedBy: 'bob',
    notifiedAt: minute(at),
  });

const posted = (at: number, audience: 'internal' | 'customer') =>
  event('StatusUpdatePosted', { audience, message: 'still on it', postedBy: 'bob', postedAt: minute(at) });

describe('incident summary: the read side of issue 13', () => {
  const working = [opened(), triaged(), acknowledged(2)];

  describe('customer updates', () => {
    it('the next update is due after the directory cadence for the severity', () => {
      expect(summaryAfter([...working, notified(10)], TERMS)).toMatchObject({
        lastCustomerUpdateAt: new Date(minute(10)),
        nextCustomerUpdateDue: new Date(minute(40)),
      });
    });

    it('the cadence is that of the severity when the update was sent', () => {
      const downgraded = severityChanged(5, { severity: 'low' });
      expect(summaryAfter([...working, downgraded, notified(10)], TERMS)).toMatchObject({
        nextCustomerUpdateDue: new Date(minute(10 + 1440)),
      });
    });

    it('a time promised in the notification wins over the cadence', () => {
      expect(summaryAfter([...working, notified(10, minute(25))], TERMS)).toMatchObject({
        nextCustomerUpdateDue: new Date(minute(25)),
      });
    });

    it('a status update to the customer counts; an internal one does not', () => {
      expect(summaryAfter([...working, posted(10, 'customer'), posted(20, 'internal')], TERMS)).toMatchObject({
        lastCustomerUpdateAt: new Date(minute(10)),
        nextCustomerUpdateDue: new Date(minute(40)),
      });
    });

    it('without a directory the last update is kept and no deadline is made up', () => {
      expect(summaryAfter([...working, notified(10)])).toMatchObject({
        lastCustomerUpdateAt: new Date(minute(10)),
        nextCustomerUpdateDue: null,
      });
    });

    it('resolution ends the cadence; a later notification without a promised time sets none', () => {
      const history = [...working, notified(10), resolved(20), notified(25)];
      expect(summaryAfter(history, TERMS)).toMatchObject({
        lastCustomerUpdateAt: new Date(minute(25)),
        nextCustomerUpdateDue: null,
      });
    });
  });

  describe('review', () => {
    it('is unknown until resolved, then as the resolution says, and false once waived', () => {
      expect(summaryAfter(working)?.reviewRequired).toBeNull();
      expect(summaryAfter([...working, resolved(9)])?.reviewRequired).toBe(true);
      expect(summaryAfter([...working, resolved(9, { reviewRequired: false })])?.reviewRequired).toBe(false);
      const waived = event('ReviewWaived', { reason: 'a known flap', waivedBy: 'alice', waivedAt: minute(10) });
      expect(summaryAfter([...working, resolved(9), waived])?.reviewRequired).toBe(false);
    });

    it('waived in review (issue 17): still in review, not required, then closed by the close that follows', () => {
      const started = event('ReviewStarted', { startedBy: 'review', startedAt: minute(9) });
      const waived = event('ReviewWaived', { reason: 'a known flap', waivedBy: 'alice', waivedAt: minute(10) });
      const closed = event('IncidentClosed', {
        closedBy: 'review',
        note: 'the review was waived',
        closedAt: minute(11),
      });
      const inReview = [...working, resolved(9, { reviewRequired: false }), started];

      expect(summaryAfter(inReview)).toMatchObject({ status: 'in_review', reviewRequired: true });
      expect(summaryAfter([...inReview, waived])).toMatchObject({ status: 'in_review', reviewRequired: false });
      expect(summaryAfter([...inReview, waived, closed])).toMatchObject({
        status: 'closed',
        reviewRequired: false,
        closedAt: new Date(minute(11)),
      });
    });
  });

  describe('disposition', () => {
    const noAction = event('IncidentMarkedNoAction', {
      reason: 'a workflow under test',
      decidedBy: 'triage',
      markedAt: minute(3),
    });

    it('no action needed, with the reason', () => {
      expect(summaryAfter([opened(), triaged(), noAction])).toMatchObject({
        status: 'no_action',
        disposition: 'no_action',
        dispositionReason: 'a workflow under test',
      });
    });

    it('returned to the customer, with the reason', () => {
      const returned = event('IncidentReturnedToCustomer', {
        reason: 'no application support',
        returnedBy: 'triage',
        previousSeverity: 'urgent',
        downgradedTo: null,
        returnedAt: minute(3),
      });
      expect(summaryAfter([opened(), triaged(), returned])).toMatchObject({
        disposition: 'returned_to_customer',
        dispositionReason: 'no application support',
        severity: 'urgent',
      });
    });

    it('a reopen on the customer reply clears it', () => {
      const reopened = event('IncidentReopened', {
        alertId: null,
        reopenCount: 1,
        alertCount: 1,
        reopenedAt: minute(9),
      });
      expect(summaryAfter([opened(), triaged(), noAction, reopened])).toMatchObject({
        status: 'triggered',
        disposition: null,
        dispositionReason: null,
      });
    });
  });

  it('links keep each related incident and relation once', () => {
    const link = (linkedIncidentId: string, relation: 'recurrence_of' | 'duplicate_of') =>
      event('IncidentLinked', { linkedIncidentId, relation, note: null, linkedBy: 'alice', linkedAt: minute(5) });
    const history = [
      ...working,
      link('i-1', 'recurrence_of'),
      link('i-2', 'duplicate_of'),
      link('i-1', 'recurrence_of'),
    ];
    expect(summaryAfter(history)?.links).toEqual([
      { incidentId: 'i-1', relation: 'recurrence_of' },
      { incidentId: 'i-2', relation: 'duplicate_of' },
    ]);
  });

  describe('triage provenance', () => {
    it('keeps the rule of the latest classification; no rule set version on events that carry none', () => {
      const older = [opened(), withoutProvenance(triaged())];
      expect(summaryAfter(older)).toMatchObject({ ruleId: 'rule-1', ruleSetVersion: null });
      expect(summaryAfter([...older, withoutProvenance(reclassifiedAsBug(3))])).toMatchObject({ ruleId: 'rule-2' });
    });

    it('reads the rule set version where triage records it', () => {
      expect(summaryAfter([opened(), withProvenance(triaged(), 7, ['matched'])])).toMatchObject({ ruleSetVersion: 7 });
    });
  });
});
