import type { EventStore } from '@incident/event-store';
import { createTestEventStore, type TestEventStore } from '@incident/event-store/testing';
import { describeWithInfrastructure } from '@incident/testing';
import { ScheduleOverrides } from './schedule-overrides';

const who = { actor: { kind: 'user' as const, id: 'admin-1' }, correlationId: 'override-test', occurredAt: '' };
const cover = {
  scheduleId: 'infra-primary',
  person: 'bob',
  layer: null,
  from: '2026-12-01T00:00:00Z',
  until: '2026-12-02T00:00:00Z',
  reason: 'alice is ill',
};

/** The real store, counting readStream calls: how many reads the overrides cost. */
function counted(store: EventStore): { store: EventStore; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property !== 'readStream' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        reads += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, reads: () => reads };
}

describeWithInfrastructure(['postgres'], 'schedule overrides read by escalation firings', () => {
  let eventStore: TestEventStore;

  beforeAll(async () => {
    eventStore = await createTestEventStore('schedule_overrides');
  });

  afterAll(async () => {
    await eventStore?.close();
  });

  it('firings asking at the same moment share one read; the API reads each ask on their own', async () => {
    const { store, reads } = counted(eventStore.store);
    const overrides = new ScheduleOverrides(store);
    // No override was ever made: the stream is absent, which every firing would otherwise learn by a query of its own.
    const joined = await Promise.all(
      Array.from({ length: 10 }, () => overrides.bySchedule({ joinReadUnderWay: true })),
    );
    expect(joined.map((map) => map.size)).toEqual(Array.from({ length: 10 }, () => 0));
    expect(reads()).toBe(1);

    await Promise.all(Array.from({ length: 10 }, () => overrides.bySchedule()));
    expect(reads()).toBe(11);
  });

  it('a firing after an override was made sees it, and whoever made it sees it at once', async () => {
    const { store, reads } = counted(eventStore.store);
    const firing = new ScheduleOverrides(store);
    const api = new ScheduleOverrides(eventStore.store);
    expect((await firing.bySchedule({ joinReadUnderWay: true })).size).toBe(0);

    const made = await api.add(cover, { ...who, occurredAt: new Date().toISOString() });
    expect((await api.list()).map((o) => o.overrideId)).toEqual([made.overrideId]);

    const before = reads();
    const after = await Promise.all([1, 2, 3].map(() => firing.bySchedule({ joinReadUnderWay: true })));
    for (const map of after) expect(map.get('infra-primary')?.map((o) => o.person)).toEqual(['bob']);
    // One shared read of the head, then of the whole stream, since its head moved.
    expect(reads() - before).toBe(2);
  });
});
