import { randomUUID } from 'node:crypto';
import { createTestDatabase, describeWithInfrastructure, type TestDatabase, testPool } from '@incident/testing';
import { SessionStore } from './session-store';

const link = (expiresAt: Date) => ({ linkId: randomUUID(), subject: 'rita', role: 'responder' as const, expiresAt });

describeWithInfrastructure(['postgres'], 'console sessions in PostgreSQL', () => {
  let database: TestDatabase;
  let pools: ReturnType<typeof testPool>[];
  let replicas: SessionStore[];

  beforeAll(async () => {
    database = await createTestDatabase('console_sessions');
    pools = [testPool(database.url, 4), testPool(database.url, 4)];
    replicas = pools.map((pool) => new SessionStore(pool));
    await Promise.all(replicas.map((replica) => replica.migrate()));
  });

  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await database?.drop();
  });

  it('lets one of several replicas redeeming a link at once open a session, the others learn it was used', async () => {
    const spent = link(new Date(Date.now() + 60_000));
    const at = new Date();
    const results = await Promise.all([...replicas, ...replicas].map((replica) => replica.redeem(spent, at, 60)));
    expect(results.filter((result) => result.kind === 'signed-in')).toHaveLength(1);
    expect(results.filter((result) => result.kind === 'used')).toHaveLength(3);
  });

  it('finds a session by its cookie until it expires or ends, on any replica', async () => {
    const at = new Date();
    const result = await replicas[0]!.redeem(link(new Date(at.getTime() + 60_000)), at, 30);
    if (result.kind !== 'signed-in') throw new Error('the link was new');
    await expect(replicas[1]!.find(result.cookieValue, at)).resolves.toMatchObject({
      subject: 'rita',
      role: 'responder',
    });
    await expect(replicas[1]!.find(result.cookieValue, new Date(at.getTime() + 31 * 60_000))).resolves.toBeUndefined();
    await expect(replicas[1]!.find(`${result.cookieValue}x`, at)).resolves.toBeUndefined();
    await replicas[0]!.end(result.cookieValue);
    await expect(replicas[1]!.find(result.cookieValue, at)).resolves.toBeUndefined();
  });

  it('purges expired sessions and the links behind them, and keeps live ones', async () => {
    const at = new Date();
    const live = await replicas[0]!.redeem(link(new Date(at.getTime() + 60_000)), at, 60);
    const expiring = await replicas[0]!.redeem(link(new Date(at.getTime() + 60_000)), at, 1);
    if (live.kind !== 'signed-in' || expiring.kind !== 'signed-in') throw new Error('the links were new');
    const later = new Date(at.getTime() + 10 * 60_000);
    expect(await replicas[1]!.purgeExpired(later)).toBeGreaterThanOrEqual(2);
    await expect(replicas[0]!.find(live.cookieValue, at)).resolves.toMatchObject({ subject: 'rita' });
    await expect(replicas[0]!.find(expiring.cookieValue, at)).resolves.toBeUndefined();
  });
});
