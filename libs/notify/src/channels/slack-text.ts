import type { NotificationMessage } from '../message';

/** Slack's mrkdwn escapes only these three; anything else in our text is shown as written. */
function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * The message as one Slack-compatible `text` (an incoming webhook shows it as it is): the subject in bold,
 * the body, then each link as `<url|label>`. Chat tools that speak Slack's webhook format (Mattermost, Rocket.Chat)
 * read the same field.
 */
export function slackText(message: NotificationMessage): string {
  const links = message.links.map((link) => `<${link.url}|${escape(link.label)}>`).join(' · ');
  return [`*${escape(message.subject)}*`, escape(message.text), links].filter((part) => part !== '').join('\n');
}
