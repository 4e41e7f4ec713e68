import type { INestApplication } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { startTestService } from '@incident/platform/testing';
import {
  createTestDatabase,
  testPool,
  describeWithInfrastructure,
  kafkaBrokers,
  type TestDatabase,
} from '@incident/testing';
import type { Channel } from '../channel';
import { OneClickLinks } from '../links/one-click-links';
import { NOTIFY_CHANNELS, NotifyModule } from './notify.module';

@Module({ imports: [NotifyModule] })
class NotifyingServiceModule {}

describeWithInfrastructure(['postgres'], 'NotifyModule in a service on the platform', () => {
  let database: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    database = await createTestDatabase('notify_module');
    app = await startTestService('escalation', NotifyingServiceModule, {
      databaseUrl: database.url,
      kafkaBrokers: kafkaBrokers(),
      variables: {
        NOTIFY_WEBHOOK_SECRET: 'webhook-secret-0123456789abcdefghijklm',
        NOTIFY_SMTP_URL: 'smtp://127.0.0.1:2525',
        NOTIFY_MAIL_FROM: 'Pages <pages@ops.example>',
        PUBLIC_BASE_URL: 'https://escalation.ops.example',
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('provides the channels the variables configure, and no PagerDuty channel without its URL', () => {
    const channels = app.get<readonly Channel[]>(NOTIFY_CHANNELS);
    expect(channels.map((channel) => channel.kind)).toEqual(['webhook', 'email']);
  });

  it('migrates the notify schema at start-up, and issues links that redeem once against it', async () => {
    const links = app.get(OneClickLinks);
    const now = new Date();
    const { link } = links.issue({
      action: 'acknowledge',
      incidentId: 'incident-1',
      subject: 'page-1',
      person: 'alice',
      expiresAt: new Date(now.getTime() + 600_000),
    });
    expect(link.url).toMatch(/^https:\/\/escalation\.ops\.example\/v1\/links\//);
    const token = decodeURIComponent(link.url.slice(link.url.lastIndexOf('/') + 1));
    expect(await links.redeem(token, now)).toMatchObject({ ok: true });
    expect(await links.redeem(token, now)).toMatchObject({ ok: false, reason: 'used' });
    const pool = testPool(database.url);
    try {
      const { rows } = await pool.query('SELECT count(*)::int AS n FROM notify.link_redemption');
      expect(rows).toEqual([{ n: 1 }]);
    } finally {
      await pool.end();
    }
  });
});
