import type { IncidentCommand, IncidentEvent } from '@incident/domain';
import { incidentDecider } from '@incident/domain';
import { urgentResponse } from './review-history';

export const ID = '3f1d9a0e-0000-4000-8000-000000000042';
export const AT = '2026-11-22T06:00:00.000Z';
export const PUBLICATION = { summary: 'The database disk filled up.', publishedBy: 'carol', publishedAt: AT };

export function eventsOf(commands: readonly IncidentCommand[]): IncidentEvent[] {
  let state = incidentDecider.initialState();
  return commands.flatMap((command) => {
    const events = incidentDecider.decide(command, state);
    state = events.reduce(incidentDecider.evolve, state);
    return events;
  });
}

/** An urgent outage in review: 5 Whys recorded, one action item. */
export const reviewedCommands = (): IncidentCommand[] => [
  ...urgentResponse(ID),
  { type: 'StartReview', data: { incidentId: ID, startedBy: 'review', startedAt: AT } },
  {
    type: 'RecordRootCause',
    data: {
      incidentId: ID,
      whys: ['the database stopped', 'its disk was full'],
      rootCause: 'no alert on disk usage',
      contributingFactors: ['debug logging | left on'],
      evidenceLinks: ['https://grafana.example.com/d/pg'],
      fixTerm: 'short_term',
      recordedBy: 'alice',
      recordedAt: AT,
    },
  },
  {
    type: 'AddActionItem',
    data: {
      incidentId: ID,
      actionItemId: 'a-1',
      kind: 'preventive',
      title: 'alert on disk | usage',
      owner: 'bob',
      dueDate: '2026-12-15',
      ticketUrl: 'https://tickets.example.com/OPS-1',
      addedAt: AT,
    },
  },
];

export const reviewed: IncidentEvent[] = eventsOf(reviewedCommands());

/** The reviewed history, then signed off by the technical lead and the project manager. */
export const signedOff: IncidentEvent[] = eventsOf([
  ...reviewedCommands(),
  { type: 'SignOffReview', data: { incidentId: ID, role: 'technical_lead', signedOffBy: 'alice', signedOffAt: AT } },
  { type: 'SignOffReview', data: { incidentId: ID, role: 'project_manager', signedOffBy: 'carol', signedOffAt: AT } },
]);
