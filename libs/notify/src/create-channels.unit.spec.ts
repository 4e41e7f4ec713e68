import { createChannels, messageIdDomainOf } from './create-channels';

describe('createChannels', () => {
  it('configures only the channels whose settings are given', () => {
    const none = createChannels({});
    const all = createChannels({
      webhookSecret: 'webhook-secret-0123456789abcdefghijklm',
      smtpUrl: 'smtp://127.0.0.1:2525',
      mailFrom: 'Pages <pages@ops.example>',
      pagerDutyEventsUrl: 'https://events.pagerduty.com',
    });
    expect(none.channels).toEqual([]);
    expect(all.channels.map((channel) => channel.kind)).toEqual(['webhook', 'email', 'pagerduty']);
    all.close();
  });

  it('routes each contact kind to its channel, phone through the webhook', () => {
    const { channels, close } = createChannels({
      webhookSecret: 'webhook-secret-0123456789abcdefghijklm',
      smtpUrl: 'smtp://127.0.0.1:2525',
      pagerDutyEventsUrl: 'https://events.pagerduty.com',
    });
    const kinds = (['email', 'webhook', 'phone', 'pagerduty'] as const).map(
      (kind) => channels.find((channel) => channel.accepts({ kind, address: 'x' }))?.kind,
    );
    expect(kinds).toEqual(['email', 'webhook', 'webhook', 'pagerduty']);
    close();
  });
});

describe('messageIdDomainOf', () => {
  it.each([
    ['Incident platform <pages@ops.example>', 'ops.example'],
    ['pages@incident-platform.local', 'incident-platform.local'],
    ['pages', 'localhost'],
  ])('%s → %s', (from, domain) => {
    expect(messageIdDomainOf(from)).toBe(domain);
  });
});
