import type { Upcaster } from '../upcasting';
import { incidentReclassifiedV1Upcaster, incidentTriagedV1Upcaster } from './classification-v1.upcaster';
import { containmentAppliedV1Upcaster, incidentMitigatedV1Upcaster } from './containment-v1.upcaster';
import { incidentOpenedV1Upcaster } from './incident-opened-v1.upcaster';
import { incidentResolvedV1Upcaster } from './incident-resolved-v1.upcaster';
import {
  remediationApprovalRequestedV1Upcaster,
  remediationApprovedV1Upcaster,
  remediationRejectedV1Upcaster,
} from './remediation-approval-v1.upcaster';
import {
  actionItemAddedV1Upcaster,
  actionItemCompletedV1Upcaster,
  reviewPublishedV1Upcaster,
  rootCauseRecordedV1Upcaster,
} from './review-v1.upcaster';
import { reviewPublishedV2Upcaster } from './review-published-v2.upcaster';
import { preApprovedHoursExceededV1Upcaster, timeLoggedV1Upcaster } from './time-logged-v1.upcaster';

/** Every upcaster the platform registers, in one list for EventStore's options. */
export const INCIDENT_UPCASTERS: readonly Upcaster[] = [
  incidentOpenedV1Upcaster,
  incidentResolvedV1Upcaster,
  remediationApprovalRequestedV1Upcaster,
  remediationApprovedV1Upcaster,
  remediationRejectedV1Upcaster,
  containmentAppliedV1Upcaster,
  incidentMitigatedV1Upcaster,
  timeLoggedV1Upcaster,
  preApprovedHoursExceededV1Upcaster,
  incidentTriagedV1Upcaster,
  incidentReclassifiedV1Upcaster,
  // Issue 17, the review's responders' part.
  rootCauseRecordedV1Upcaster,
  actionItemAddedV1Upcaster,
  actionItemCompletedV1Upcaster,
  reviewPublishedV1Upcaster,
  reviewPublishedV2Upcaster,
];
