/** The small HTML pages a customer sees after clicking an approve/reject link: plain, no scripts, nothing external. */

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">` +
  `<title>${escape(title)}</title></head><body><h1>${escape(title)}</h1>${body}</body></html>`;

export type DecisionAction = 'approve' | 'reject';
const WORDS = { approve: 'Approve', reject: 'Reject' } as const;

/** A GET never decides: mail scanners and link previews fetch links nobody clicked. The button POSTs. */
export const confirmationPage = (action: DecisionAction, remediationId: string, person: string): string =>
  page(
    `${WORDS[action]} the proposed change?`,
    `<p>Remediation ${escape(remediationId)}, asked of ${escape(person)}.</p>` +
      `<form method="post"><button type="submit">${WORDS[action]}</button></form>`,
  );

export const donePage = (action: DecisionAction, remediationId: string, person: string): string =>
  page(
    action === 'approve' ? 'Approved' : 'Rejected',
    `<p>${escape(person)} ${action === 'approve' ? 'approved' : 'rejected'} remediation ${escape(remediationId)}.</p>`,
  );

export const refusedPage = (message: string): string => page('This link cannot be used', `<p>${escape(message)}</p>`);
