import { type IncidentCommand, incidentDecider, type IncidentState } from '@incident/domain';
import { openIncident, urgentResponse } from '../test-support/review-history';
import { publicationNotice } from './publication-notice.policy';
import type { ReviewNeed } from './review-needed';

const ID = '3f1d9a0e-0000-4000-8000-000000000077';
const AT = '2026-11-22T07:00:00.000Z';
const NEED: ReviewNeed = {
  required: true,
  ruleId: 'urgent-or-high',
  reason: 'r',
  dueAt: AT,
  waivableBy: [],
  drill: false,
  policyVersion: 1,
  notifyCustomer: true,
  closeWhenActionItemsDone: false,
};
const stateAfter = (commands: readonly IncidentCommand[]): IncidentState =>
  commands.reduce(
    (state, command) => incidentDecider.decide(command, state).reduce(incidentDecider.evolve, state),
    incidentDecider.initialState(),
  );
const review: IncidentCommand[] = [
  { type: 'StartReview', data: { incidentId: ID, startedBy: 'review', startedAt: AT } },
  { type: 'RecordRootCause', data: { incidentId: ID, whys: ['a'], rootCause: 'b', recordedBy: 'a', recordedAt: AT } },
  { type: 'PublishReview', data: { incidentId: ID, summary: 's', publishedBy: 'carol', publishedAt: AT } },
];

describe('publicationNotice', () => {
  it('tells the customer of a published review when the policy says so, and the decider accepts it', () => {
    const state = stateAfter([...urgentResponse(ID), ...review]);
    const commands = publicationNotice(state, NEED, 'The disk filled up.', 'review', AT);

    expect(commands).toEqual([
      {
        type: 'NotifyCustomer',
        data: {
          incidentId: ID,
          channel: 'email',
          message: 'The post-incident review of "Acme API is down" (acme-api) is published. The disk filled up.',
          notifiedBy: 'review',
          notifiedAt: AT,
        },
      },
    ]);
    expect(incidentDecider.decide(commands[0]!, state)).toHaveLength(1);
  });

  it('tells nobody when the policy does not say so, for a drill, or before publication', () => {
    const published = stateAfter([...urgentResponse(ID), ...review]);
    const drill = stateAfter([
      openIncident(ID, { severity: 'urgent', drill: true }),
      { type: 'ResolveIncident', data: { incidentId: ID, resolvedBy: 'bob', summary: 'd', resolvedAt: AT } },
      ...review,
    ]);

    expect(publicationNotice(published, { ...NEED, notifyCustomer: false }, 's', 'review', AT)).toEqual([]);
    expect(publicationNotice(drill, NEED, 's', 'review', AT)).toEqual([]);
    expect(
      publicationNotice(stateAfter([...urgentResponse(ID), ...review.slice(0, 2)]), NEED, 's', 'review', AT),
    ).toEqual([]);
  });
});
