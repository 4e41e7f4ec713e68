import { type Pool } from 'pg';
import { createTestDatabase, testPool, describeWithInfrastructure, type TestDatabase } from '@incident/testing';
import { LinkSigner, type LinkTokenRequest } from './link-token';
import { LinkTokenStore } from './link-token-store';
import { migrateNotify } from './notify-migrations';
import { OneClickLinks } from './one-click-links';

const SECRET = 'link-secret-0123456789abcdefghijklmnop';
const NOW = new Date('2026-12-03T10:00:00.000Z');
const request = (overrides: Partial<LinkTokenRequest> = {}): LinkTokenRequest => ({
  action: 'acknowledge',
  incidentId: 'incident-1',
  subject: 'page:incident-1:1:1:alice',
  person: 'alice',
  expiresAt: new Date('2026-12-03T10:30:00.000Z'),
  ...overrides,
});
const tokenOf = (url: string) => decodeURIComponent(url.slice(url.lastIndexOf('/') + 1));

describeWithInfrastructure(['postgres'], 'OneClickLinks: signed, expiring, single-use links on PostgreSQL', () => {
  let database: TestDatabase;
  let pool: Pool;
  let links: OneClickLinks;

  beforeAll(async () => {
    database = await createTestDatabase('notify_links');
    pool = testPool(database.url, 12);
    const store = new LinkTokenStore(pool);
    await store.migrate();
    links = new OneClickLinks(new LinkSigner(SECRET), store, 'https://escalation.ops.example/');
  });
  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('issues a link to the service taking it, labelled for its action', () => {
    const { link, claims } = links.issue(request({ action: 'ask-for-help' }));
    expect(link).toEqual({
      action: 'ask-for-help',
      label: 'Ask for help',
      url: expect.stringMatching(/^https:\/\/escalation\.ops\.example\/v1\/links\/v1\.[\w-]+\.[\w-]+$/),
    });
    expect(claims).toMatchObject({ action: 'ask-for-help', incidentId: 'incident-1', person: 'alice' });
  });

  it('redeems a link once; the second use is refused as used, naming when', async () => {
    const { link, claims } = links.issue(request());
    const first = await links.redeem(tokenOf(link.url), NOW, 'alice');
    const second = await links.redeem(tokenOf(link.url), new Date(NOW.getTime() + 60_000), 'alice');
    expect(first).toEqual({ ok: true, claims });
    expect(second).toEqual({
      ok: false,
      reason: 'used',
      message: 'This link was already used at 2026-12-03T10:00:00.000Z; each link works once.',
      claims,
      usedAt: NOW,
    });
    const rows = await pool.query('SELECT token_id, action, incident_id, redeemed_by FROM notify.link_redemption');
    expect(rows.rows.filter((row) => row.token_id === claims.tokenId)).toEqual([
      { token_id: claims.tokenId, action: 'acknowledge', incident_id: 'incident-1', redeemed_by: 'alice' },
    ]);
  });

  it('lets exactly one of 20 concurrent clicks through', async () => {
    const { link } = links.issue(request({ subject: 'page:incident-1:1:1:bob', person: 'bob' }));
    const results = await Promise.all(Array.from({ length: 20 }, () => links.redeem(tokenOf(link.url), NOW)));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    const refusals = results.flatMap((result) => (result.ok ? [] : [result.reason]));
    expect(refusals).toEqual(Array(19).fill('used'));
  });

  it('inspects without spending: a GET preview leaves the link usable', async () => {
    const { link, claims } = links.issue(request({ action: 'approve', subject: 'remediation-1', person: 'dana' }));
    expect(await links.inspect(tokenOf(link.url), NOW)).toEqual({ ok: true, claims });
    expect(await links.inspect(tokenOf(link.url), NOW)).toEqual({ ok: true, claims });
    expect(await links.redeem(tokenOf(link.url), NOW)).toEqual({ ok: true, claims });
    expect(await links.inspect(tokenOf(link.url), NOW)).toMatchObject({ ok: false, reason: 'used' });
  });

  it('refuses an expired link as expired and does not spend it', async () => {
    const { link, claims } = links.issue(request({ action: 'reject', subject: 'remediation-2' }));
    const late = new Date('2026-12-03T10:30:00.000Z');
    expect(await links.redeem(tokenOf(link.url), late)).toMatchObject({ ok: false, reason: 'expired', claims });
    expect(await new LinkTokenStore(pool).usedAt(claims.tokenId)).toBeUndefined();
  });

  it('refuses an altered link as altered, and a mangled one as malformed, spending nothing', async () => {
    const { link } = links.issue(request());
    const token = tokenOf(link.url);
    const [version, body, signature] = token.split('.');
    const wire = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = [
      version,
      Buffer.from(JSON.stringify({ ...wire, inc: 'incident-2' })).toString('base64url'),
      signature,
    ];
    const before = (await pool.query('SELECT count(*)::int AS n FROM notify.link_redemption')).rows[0].n as number;
    expect(await links.redeem(forged.join('.'), NOW)).toMatchObject({ ok: false, reason: 'altered' });
    expect(await links.redeem(token.slice(0, 20), NOW)).toMatchObject({ ok: false, reason: 'malformed' });
    const after = (await pool.query('SELECT count(*)::int AS n FROM notify.link_redemption')).rows[0].n as number;
    expect(after).toBe(before);
  });

  it('purges spent tokens once expired, and an expired token stays refused (as expired) after its purge', async () => {
    const store = new LinkTokenStore(pool);
    const { link } = links.issue(request({ subject: 'page-purge', expiresAt: new Date('2026-12-03T10:05:00Z') }));
    expect(await links.redeem(tokenOf(link.url), NOW)).toMatchObject({ ok: true });
    const later = new Date('2026-12-03T11:00:00Z');
    expect(await store.purgeExpired(later)).toBeGreaterThanOrEqual(1);
    const left = await pool.query('SELECT count(*)::int AS n FROM notify.link_redemption WHERE expires_at < $1', [
      later,
    ]);
    expect(left.rows).toEqual([{ n: 0 }]);
    expect(await links.redeem(tokenOf(link.url), later)).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('migrates once when replicas start together, and again is a no-op', async () => {
    const applied = await Promise.all([migrateNotify(pool), migrateNotify(pool), migrateNotify(pool)]);
    expect(applied).toEqual([[], [], []]);
    const versions = await pool.query('SELECT version, name FROM notify.migrations ORDER BY version');
    expect(versions.rows).toEqual([{ version: 1, name: 'one-click link redemptions' }]);
  });
});
