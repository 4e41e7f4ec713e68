import type { NotificationMessage } from '../message';
import { renderEmail } from './email-body';
import { slackText } from './slack-text';

const message: NotificationMessage = {
  kind: 'page',
  subject: 'URGENT <checkout> down & paging',
  text: 'Level 1 of 3.\nAcknowledge within 5 minutes.',
  links: [
    { action: 'acknowledge', label: 'Acknowledge', url: 'https://esc.example/v1/links/v1.abc.def' },
    { label: 'Incident', url: 'https://console.example/incidents/1?a=1&b=2' },
  ],
  recipient: { id: 'alice', contact: { kind: 'webhook', address: 'https://hooks/alice' } },
};

describe('slackText', () => {
  it('puts the subject in bold, then the body, then each link as <url|label>, escaping Slack control characters', () => {
    expect(slackText(message)).toBe(
      [
        '*URGENT &lt;checkout&gt; down &amp; paging*',
        'Level 1 of 3.\nAcknowledge within 5 minutes.',
        '<https://esc.example/v1/links/v1.abc.def|Acknowledge> · <https://console.example/incidents/1?a=1&b=2|Incident>',
      ].join('\n'),
    );
  });
});

describe('renderEmail', () => {
  const { text, html } = renderEmail(message);

  it('lists each link on a line of its own in the text part, and says action links work once', () => {
    expect(text).toBe(
      [
        'Level 1 of 3.',
        'Acknowledge within 5 minutes.',
        '',
        'Acknowledge: https://esc.example/v1/links/v1.abc.def',
        'Incident: https://console.example/incidents/1?a=1&b=2',
        '',
        'Each action link works once and expires.',
      ].join('\n'),
    );
  });

  it('escapes the HTML part and makes the links anchors', () => {
    expect(html).toContain('<h2 style="font-size:16px">URGENT &lt;checkout&gt; down &amp; paging</h2>');
    expect(html).toContain('href="https://console.example/incidents/1?a=1&amp;b=2"');
    expect(html).toContain('<p>Level 1 of 3.<br>Acknowledge within 5 minutes.</p>');
  });
});
