import { randomUUID } from 'node:crypto';
import {
  IllegalTransitionError,
  incidentDecider,
  replayIncident,
  type IncidentCommand,
  type IncidentEvent,
  incidentStreamId,
} from '@incident/domain';
import { describeWithInfrastructure } from '@incident/testing';
import { handleCommand, readWholeStream, type CommandContext } from './command-handler';
import { ConcurrencyConflict } from './errors';
import type { HashChainedEventStore } from './event-store';
import { openIncident } from './testing-support/open-incident';
import { createTestEventStore, type TestEventStore } from './testing-support/test-event-store';

const context: CommandContext = {
  occurredAt: '2026-11-22T04:00:00.000Z',
  actor: { kind: 'integration', id: 'alertmanager' },
  correlationId: 'corr',
};

describeWithInfrastructure(['postgres'], 'the command-handling loop on the real store', () => {
  let eventStore: TestEventStore;
  let store: HashChainedEventStore;

  beforeAll(async () => {
    eventStore = await createTestEventStore('command_loop', { poolSize: 20 });
    store = eventStore.store;
  });
  afterAll(() => eventStore?.close());

  const handle = (streamId: string, command: IncidentCommand, maxAttempts = 50) =>
    handleCommand(store, incidentDecider, streamId, command, context, { maxAttempts, baseDelayMs: 5 });

  it('opens, then decides on the folded state and appends at the revision it read', async () => {
    const id = randomUUID();
    const stream = incidentStreamId(id);
    const opened = await handle(stream, openIncident(id));
    expect(opened.appended?.nextExpectedRevision).toBe(0);
    const acknowledged = await handle(stream, {
      type: 'AcknowledgeIncident',
      data: { incidentId: id, responderId: 'alice', acknowledgedAt: '2026-11-22T04:05:00.000Z' },
    });
    expect(acknowledged.events.map((event) => event.type)).toEqual(['IncidentAcknowledged']);
    const history = await readWholeStream(store, stream);
    expect(replayIncident(history as unknown as IncidentEvent[]).status).toBe('acknowledged');
    expect((await store.verifyStream(stream)).ok).toBe(true);
  });

  it('re-reads and re-decides under contention: 20 concurrent correlations all count', async () => {
    const id = randomUUID();
    const stream = incidentStreamId(id);
    await handle(stream, openIncident(id));
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        handle(stream, {
          type: 'CorrelateAlert',
          data: { incidentId: id, alertId: `a-${n}`, receivedAt: '2026-11-22T04:01:00.000Z' },
        }),
      ),
    );
    const state = replayIncident((await readWholeStream(store, stream)) as unknown as IncidentEvent[]);
    expect(state.status).toBe('triggered');
    expect((state as { alertCount: number }).alertCount).toBe(21);
  });

  it('surfaces the domain error when a retry finds the command no longer legal', async () => {
    const id = randomUUID();
    const stream = incidentStreamId(id);
    await handle(stream, openIncident(id));
    const acknowledge = (responderId: string): IncidentCommand => ({
      type: 'AcknowledgeIncident',
      data: { incidentId: id, responderId, acknowledgedAt: '2026-11-22T04:05:00.000Z' },
    });
    const outcomes = await Promise.allSettled([
      handle(stream, acknowledge('alice')),
      handle(stream, acknowledge('bob')),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(IllegalTransitionError);
    expect(String(refused.reason.message)).toMatch(/acknowledged/);
  });

  it('gives up with ConcurrencyConflict once its attempts are spent', async () => {
    const id = randomUUID();
    const stream = incidentStreamId(id);
    await handle(stream, openIncident(id));
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, n) =>
        handle(
          stream,
          {
            type: 'CorrelateAlert',
            data: { incidentId: id, alertId: `b-${n}`, receivedAt: '2026-11-22T04:02:00.000Z' },
          },
          1,
        ),
      ),
    );
    const conflicts = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason);
    expect(conflicts.length).toBeGreaterThan(0);
    for (const conflict of conflicts) expect(conflict).toBeInstanceOf(ConcurrencyConflict);
    const appended = (await readWholeStream(store, stream)).length - 1;
    expect(appended).toBe(results.length - conflicts.length);
  });
});
