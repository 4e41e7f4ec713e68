import { assertNever } from '../decider';
import { reject, requireLegal } from './decision-guards';
import type {
  AddActionItem,
  CompleteActionItem,
  PublishReview,
  RecordRootCause,
  SignOffReview,
  StartReview,
} from './incident-commands';
import type { IncidentEvent } from './incident-events';
import { findActionItem, type IncidentState, isReviewWaived, type ReviewSignOff } from './incident-state';
import { DEFAULT_RCA_TECHNIQUE, type SignOffRole } from './incident-values';

type ReviewCommand = StartReview | RecordRootCause | AddActionItem | CompleteActionItem | PublishReview | SignOffReview;

const ROLE_NAMES: Readonly<Record<SignOffRole, string>> = {
  technical_lead: 'technical lead',
  project_manager: 'project manager',
};

/** The required roles that hold no sign-off, named for a person ("technical lead", "project manager"). */
const missingSignOffs = (held: readonly ReviewSignOff[], required: readonly SignOffRole[]): string[] =>
  required.filter((role) => !held.some((signOff) => signOff.role === role)).map((role) => ROLE_NAMES[role]);

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
      if (isReviewWaived(incident)) reject(command, state, 'the review was waived');
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
      if (isReviewWaived(incident)) reject(command, state, 'the review was waived');
      if (incident.rootCause === null) reject(command, state, 'no root cause has been recorded');
      const missing = missingSignOffs(incident.reviewSignOffs, command.data.requiredSignOffs ?? []);
      if (missing.length > 0) reject(command, state, `the review lacks the sign-off of ${missing.join(' and ')}`);
      const { incidentId, summary, publishedBy, publishedAt } = command.data;
      const renderedSha256 = command.data.renderedSha256 ?? null;
      const renderedHtmlSha256 = command.data.renderedHtmlSha256 ?? null;
      return [
        {
          type: 'ReviewPublished',
          data: { incidentId, summary, renderedSha256, renderedHtmlSha256, publishedBy, publishedAt },
        },
      ];
    }
    case 'SignOffReview': {
      const incident = requireLegal(command, state);
      if (incident.reviewPublishedAt !== null) reject(command, state, 'the review is already published');
      if (isReviewWaived(incident)) reject(command, state, 'the review was waived');
      if (incident.rootCause === null) reject(command, state, 'no root cause has been recorded to approve');
      const { incidentId, role, signedOffBy, signedOffAt } = command.data;
      const held = incident.reviewSignOffs.find((signOff) => signOff.role === role);
      if (held) reject(command, state, `the ${ROLE_NAMES[role]} (${held.signedOffBy}) has already signed off`);
      return [{ type: 'ReviewSignedOff', data: { incidentId, role, signedOffBy, signedOffAt } }];
    }
    default:
      return assertNever(command, 'review command');
  }
};
