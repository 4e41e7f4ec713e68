/** The small HTML pages a person sees after clicking a one-click link: plain, no scripts, nothing external. */

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">` +
  `<title>${escape(title)}</title></head><body><h1>${escape(title)}</h1>${body}</body></html>`;

const ACTION_WORDS = { acknowledge: 'Acknowledge', 'ask-for-help': 'Ask for help' } as const;
export type PageAction = keyof typeof ACTION_WORDS;

/**
 * What a GET shows: the action and a button that POSTs it. A GET never acts, because mail scanners and link
 * previews fetch links nobody clicked.
 */
export const confirmationPage = (action: PageAction, incidentId: string, person: string, title: string): string =>
  page(
    `${ACTION_WORDS[action]} incident?`,
    `<p>${escape(title)}</p><p>Incident ${escape(incidentId)}, for ${escape(person)}.</p>` +
      `<form method="post"><button type="submit">${ACTION_WORDS[action]}</button></form>`,
  );

export const donePage = (action: PageAction, incidentId: string, person: string): string =>
  page(
    action === 'acknowledge' ? 'Acknowledged' : 'Help is on its way',
    `<p>${action === 'acknowledge' ? `${escape(person)} acknowledged` : `${escape(person)} asked for help with`} incident ${escape(incidentId)}.</p>`,
  );

export const refusedPage = (message: string): string => page('This link cannot be used', `<p>${escape(message)}</p>`);
