import { assertNever } from '../decider';
import { reject, requireLegal } from './decision-guards';
import type {
  AddActionItem,
  CompleteActionItem,
  PublishReview,
  RecordRootCause,
  StartReview,
} from './incident-commands';
import type { IncidentEvent } from './incident-events';
import { findActionItem, type IncidentState } from './incident-state';
import { DEFAULT_RCA_TECHNIQUE } from './incident-values';

type ReviewCommand = StartReview | RecordRootCause | AddActionItem | CompleteActionItem | PublishReview;

/** Preventive actions (handbook): the post-incident review, its root-cause analysis and its action items. */
export const decideReview = (command: ReviewCommand, state: IncidentState): IncidentEvent[] => {
  switch (command.type) {
    case 'StartReview': {
      requireLegal(command, state);
      const { incidentId, startedBy, startedAt } = command.data;
      return [{ type: 'ReviewStarted', data: { incidentId, startedBy, startedAt } }];
    }
    case 'RecordRootCause': {
      // Legal from acknowledgement on: "an RCA can be submitted even after the problem is solved". A later
      // analysis replaces the earlier one; the history keeps both.
      requireLegal(command, state);
      const { incidentId, technique, whys, rootCause, recordedBy, recordedAt } = command.data;
      return [
        {
          type: 'RootCauseRecorded',
          data: {
            incidentId,
            technique: technique ?? DEFAULT_RCA_TECHNIQUE,
            whys: [...whys],
            rootCause,
            contributingFactors: [...(command.data.contributingFactors ?? [])],
            evidenceLinks: [...(command.data.evidenceLinks ?? [])],
            fixTerm: command.data.fixTerm ?? null,
            recordedBy,
            recordedAt,
          },
        },
      ];
    }
    case 'AddActionItem': {
      const incident = requireLegal(command, state);
      const { incidentId, actionItemId, kind, title, owner, dueDate, addedAt } = command.data;
      if (findActionItem(incident, actionItemId)) reject(command, state, `action item ${actionItemId} already exists`);
      const ticketUrl = command.data.ticketUrl ?? null;
      return [
        {
          type: 'ActionItemAdded',
          data: { incidentId, actionItemId, kind, title, owner, dueDate, ticketUrl, addedAt },
        },
      ];
    }
    case 'CompleteActionItem': {
      // Long-term fixes outlive the incident, so items may still be completed once it is closed.
      const incident = requireLegal(command, state);
      const { incidentId, actionItemId, completedBy, completedAt } = command.data;
      const item =
        findActionItem(incident, actionItemId) ?? reject(command, state, `action item ${actionItemId} was never added`);
      if (item.completedAt !== null) reject(command, state, `action item ${actionItemId} is already completed`);
      const evidence = command.data.evidence ?? null;
      return [{ type: 'ActionItemCompleted', data: { incidentId, actionItemId, evidence, completedBy, completedAt } }];
    }
    case 'PublishReview': {
      const incident = requireLegal(command, state);
      if (incident.reviewPublishedAt !== null) reject(command, state, 'the review is already published');
      if (incident.rootCause === null) reject(command, state, 'no root cause has been recorded');
      const { incidentId, summary, publishedBy, publishedAt } = command.data;
      const renderedSha256 = command.data.renderedSha256 ?? null;
      return [{ type: 'ReviewPublished', data: { incidentId, summary, renderedSha256, publishedBy, publishedAt } }];
    }
    default:
      return assertNever(command, 'review command');
  }
};
