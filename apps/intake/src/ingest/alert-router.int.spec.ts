import { incidentStreamId } from '@incident/domain';
import { IncidentCommandHandler, type RecordedEvent } from '@incident/event-store';
import { createTestEventStore, readLogUntil, type TestEventStore } from '@incident/event-store/testing';
import { describeWithInfrastructure } from '@incident/testing';
import type { Integration } from '@incident/contracts';
import { AlertRouter, alertGroupStream } from './alert-router';
import type { AlertSignal } from './alert-signal';

const integration: Integration = {
  id: '00000000-0000-4000-8000-000000000001',
  name: 'replicas',
  source: 'test',
  customerId: 'acme',
  service: 'web',
  defaultCategory: 'availability.downtime',
  groupBy: [],
  autoResolve: 'always',
  keyPrefix: 'abcdef',
  createdAt: '2026-11-22T00:00:00.000Z',
  revokedAt: null,
};

const signal = (dedupKey: string, action: AlertSignal['action'] = 'fire'): AlertSignal => ({
  integration,
  action,
  dedupKey,
  groupKey: `key:${dedupKey}`,
  source: 'test',
  customerId: 'acme',
  service: 'web',
  title: 'down',
  category: 'availability.downtime',
  severity: 'urgent',
  labels: {},
  correlationId: 'c-1',
});

describeWithInfrastructure(['postgres'], 'alert router: replicas racing on one dedup key', () => {
  // Each replica connects a store of its own (`eventStores.connect()`): nothing is shared but the database.
  let eventStores: TestEventStore;
  const replica = async () => new AlertRouter((await eventStores.connect()).store, { reopenWindowMinutes: 30 });

  beforeAll(async () => {
    eventStores = await createTestEventStore('intake_replicas');
  });
  afterAll(() => eventStores?.close());

  it('opens one incident when four replicas each take 50 identical alerts at once', async () => {
    const routers = await Promise.all(Array.from({ length: 4 }, replica));
    await Promise.all(routers.flatMap((router) => Array.from({ length: 50 }, () => router.route(signal('race')))));
    const { store } = eventStores;
    const incidentEvents = (events: readonly RecordedEvent[]) => {
      const first = events.find((event) => event.type === 'IncidentOpened');
      return events.filter((event) => event.streamId === first?.streamId);
    };
    const all = await readLogUntil(store, (events) => incidentEvents(events).length >= 200);
    const opened = all.filter((event) => event.type === 'IncidentOpened');
    expect(opened).toHaveLength(1);
    const incident = all.filter((event) => event.streamId === opened[0]?.streamId);
    expect(incident).toHaveLength(200);
    expect(incident.at(-1)?.data).toMatchObject({ alertCount: 200 });
  });

  it('catches up with what another replica did before deciding on a group it has seen before', async () => {
    const [a, b] = [await replica(), await replica()];
    await a.route(signal('handover'));
    await b.route(signal('handover')); // b never saw the group: its blind binding conflicts, it correlates
    await a.route(signal('handover', 'resolve')); // a's cache is behind b's correlation: the append conflicts
    await b.route(signal('handover', 'resolve')); // already resolved: b must catch up to see it is a no-op
    const { store } = eventStores;
    const isHandover = (event: RecordedEvent) =>
      event.type === 'IncidentOpened' && (event.data as { dedupKey: string }).dedupKey === 'handover';
    const all = await readLogUntil(store, (events) => {
      const first = events.find(isHandover);
      return events.filter((event) => event.streamId === first?.streamId).length >= 4;
    });
    const opened = all.filter(isHandover);
    expect(opened).toHaveLength(1);
    expect(all.filter((event) => event.streamId === opened[0]?.streamId).map((event) => event.type)).toEqual([
      'IncidentOpened',
      'AlertCorrelated',
      'AlertResolvedAtSource',
      'IncidentResolved',
    ]);
  });

  it("writes incident events as the command handler does, so the handler carries on from intake's", async () => {
    const { adapter, store } = await eventStores.connect();
    const router = new AlertRouter(store, { reopenWindowMinutes: 30, now: () => new Date('2026-11-22T04:00:00Z') });
    await router.route(signal('shared-path'));
    await router.route(signal('shared-path'));
    const [binding] = await store.readStream(alertGroupStream(integration.id, 'key:shared-path'));
    const { incidentId } = binding!.data as { incidentId: string };
    // As stored, before any upcasting: the version is the one the store stamps for every writer.
    const stored = await adapter.readStream(incidentStreamId(incidentId));
    expect(stored.map(({ type, schemaVersion, metadata }) => [type, schemaVersion, metadata.command])).toEqual([
      ['IncidentOpened', 2, 'OpenIncident'],
      ['AlertCorrelated', 1, 'CorrelateAlert'],
    ]);
    expect(stored[0]!.metadata).toMatchObject({ occurredAt: '2026-11-22T04:00:00.000Z', causationId: null });
    const acknowledged = await new IncidentCommandHandler(store).execute(
      {
        type: 'AcknowledgeIncident',
        data: { incidentId, responderId: 'alice', acknowledgedAt: '2026-11-22T04:05:00.000Z' },
      },
      { actor: { kind: 'user', id: 'alice' }, correlationId: 'c-2', causationId: 'request-1' },
    );
    expect(acknowledged.appended?.nextExpectedRevision).toBe(2);
  });
});
