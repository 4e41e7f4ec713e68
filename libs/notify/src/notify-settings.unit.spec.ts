import { loadConfig } from '@incident/platform';
import { notifySettings } from './notify-settings';

const REQUIRED = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
  KAFKA_BROKERS: '127.0.0.1:9092',
  AUTH_JWT_SECRET: 'jwt-secret-0123456789abcdefghijklmnopq',
};

describe('notifySettings', () => {
  describe('given only the required platform variables', () => {
    const settings = notifySettings(loadConfig('escalation', REQUIRED));

    it('configures no channel, links back to the service itself, and mails from pages@localhost', () => {
      expect(settings).toEqual({
        linkSecret: expect.stringMatching(/^[0-9a-f]{64}$/),
        mailFrom: 'pages@localhost',
        publicBaseUrl: 'http://127.0.0.1:3003',
        messageIdDomain: 'localhost',
        source: 'escalation',
      });
    });

    it('signs links with a key derived from the JWT secret, never the JWT secret itself', () => {
      expect(settings.linkSecret).not.toBe(REQUIRED.AUTH_JWT_SECRET);
      const other = notifySettings(loadConfig('escalation', { ...REQUIRED, AUTH_JWT_SECRET: 'y'.repeat(40) }));
      expect(other.linkSecret).not.toBe(settings.linkSecret);
    });
  });

  it('takes every NOTIFY_* variable and PUBLIC_BASE_URL as given', () => {
    const settings = notifySettings(
      loadConfig('remediation', {
        ...REQUIRED,
        NOTIFY_LINK_SECRET: 'link-secret-0123456789abcdefghijklmnop',
        NOTIFY_WEBHOOK_SECRET: 'webhook-secret-0123456789abcdefghijklm',
        NOTIFY_SMTP_URL: 'smtps://user:pass@mail.ops.example:465',
        NOTIFY_MAIL_FROM: 'Incident platform <pages@ops.example>',
        NOTIFY_PAGERDUTY_EVENTS_URL: 'https://events.pagerduty.com',
        PUBLIC_BASE_URL: 'https://remediation.ops.example',
      }),
    );
    expect(settings).toEqual({
      linkSecret: 'link-secret-0123456789abcdefghijklmnop',
      webhookSecret: 'webhook-secret-0123456789abcdefghijklm',
      smtpUrl: 'smtps://user:pass@mail.ops.example:465',
      mailFrom: 'Incident platform <pages@ops.example>',
      pagerDutyEventsUrl: 'https://events.pagerduty.com',
      publicBaseUrl: 'https://remediation.ops.example',
      messageIdDomain: 'ops.example',
      source: 'remediation',
    });
  });

  it('refuses short secrets and non-SMTP URLs at start-up, without echoing the secret', () => {
    expect(() =>
      loadConfig('escalation', { ...REQUIRED, NOTIFY_WEBHOOK_SECRET: 'short', NOTIFY_SMTP_URL: 'http://mail' }),
    ).toThrow(
      expect.objectContaining({
        problems: [
          'NOTIFY_WEBHOOK_SECRET must be at least 32 characters long',
          'NOTIFY_SMTP_URL must use smtp: or smtps:, got http:',
        ],
      }),
    );
  });
});
