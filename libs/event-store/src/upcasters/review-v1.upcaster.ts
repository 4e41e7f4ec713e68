import type { Upcaster } from '../upcasting';

/*
 * Issue 17 gave the responders' part of a review its missing fields: a root cause now lists contributing
 * factors and evidence links and says whether the fix holds; an action item links its ticket; a completion
 * carries its evidence; a published review the hash of its rendering. Nothing of the kind was recorded before, so v1 events read as empty and unknown.
 */

export const rootCauseRecordedV1Upcaster: Upcaster = {
  type: 'RootCauseRecorded',
  fromVersion: 1,
  upcast: (data) => ({ ...(data as object), contributingFactors: [], evidenceLinks: [], fixTerm: null }),
};

export const actionItemAddedV1Upcaster: Upcaster = {
  type: 'ActionItemAdded',
  fromVersion: 1,
  upcast: (data) => ({ ...(data as object), ticketUrl: null }),
};

export const actionItemCompletedV1Upcaster: Upcaster = {
  type: 'ActionItemCompleted',
  fromVersion: 1,
  upcast: (data) => ({ ...(data as object), evidence: null }),
};

export const reviewPublishedV1Upcaster: Upcaster = {
  type: 'ReviewPublished',
  fromVersion: 1,
  upcast: (data) => ({ ...(data as object), renderedSha256: null }),
};
