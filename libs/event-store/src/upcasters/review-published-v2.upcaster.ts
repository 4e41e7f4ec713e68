import type { Upcaster } from '../upcasting';

/*
 * Issue 17, publication: a review is now published as Markdown and as a printable HTML page, and the hash of
 * each is recorded. Before v3 only the Markdown was rendered, so a v2 (or upcast v1) publication has no page.
 */
export const reviewPublishedV2Upcaster: Upcaster = {
  type: 'ReviewPublished',
  fromVersion: 2,
  upcast: (data) => ({ ...(data as object), renderedHtmlSha256: null }),
};
