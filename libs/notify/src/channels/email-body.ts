import type { NotificationMessage } from '../message';

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * The text part lists each link on its own line (clients make them clickable); the HTML part shows them as
 * buttons. Both say the links work once, since a second click answers "already used" and people wonder why.
 */
export function renderEmail(message: NotificationMessage): { text: string; html: string } {
  const oneClick = message.links.some((link) => link.action !== undefined);
  const note = oneClick ? 'Each action link works once and expires.' : '';
  const text = [
    message.text,
    '',
    ...message.links.map((link) => `${link.label}: ${link.url}`),
    ...(note ? ['', note] : []),
  ].join('\n');
  const paragraphs = message.text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replaceAll('\n', '<br>')}</p>`);
  const buttons = message.links.map(
    (link) =>
      `<a href="${escapeHtml(link.url)}" style="display:inline-block;margin:0 8px 8px 0;padding:8px 14px;` +
      `border:1px solid #444;border-radius:4px;text-decoration:none">${escapeHtml(link.label)}</a>`,
  );
  const html = [
    `<h2 style="font-size:16px">${escapeHtml(message.subject)}</h2>`,
    ...paragraphs,
    buttons.length > 0 ? `<p>${buttons.join('')}</p>` : '',
    note ? `<p style="color:#666;font-size:12px">${note}</p>` : '',
  ].join('\n');
  return { text, html };
}
