import { randomUUID } from 'node:crypto';
import {
  IllegalTransitionError,
  type IncidentCommand,
  type IncidentCommandOf,
  incidentStreamId,
  IncidentValidationError,
} from '@incident/domain';
import { describeWithInfrastructure } from '@incident/testing';
import { readWholeStream } from './command-handler';
import { ConcurrencyConflict, StreamNotFound } from './errors';
import type { HashChainedEventStore } from './event-store';
import { IncidentCommandHandler, type IncidentCommandContext } from './incident-command-handler';
import { openIncident } from './testing-support/open-incident';
import { ContendedStore } from './testing-support/contended-store';
import { createTestEventStore, type TestEventStore } from './testing-support/test-event-store';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 4, minute)).toISOString();

const triage = (incidentId: string, severity: 'urgent' | 'high' = 'high'): IncidentCommandOf<'TriageIncident'> => ({
  type: 'TriageIncident',
  data: {
    incidentId,
    severity,
    category: 'resources.exhausted',
    owningTeam: 'infrastructure',
    ruleId: 'rule-disk',
    triagedAt: at(2),
  },
});

const logTime = (incidentId: string): IncidentCommand => ({
  type: 'LogTime',
  data: { incidentId, responderId: 'bob', kind: 'corrective', minutes: 15, loggedAt: at(3) },
});

const triageService = (causationId: string | null): IncidentCommandContext => ({
  actor: { kind: 'system', id: 'triage' },
  correlationId: 'corr-1',
  causationId,
});

describeWithInfrastructure(['postgres'], 'IncidentCommandHandler on the real store', () => {
  let eventStore: TestEventStore;
  let store: HashChainedEventStore;
  let handler: IncidentCommandHandler;

  beforeAll(async () => {
    eventStore = await createTestEventStore('incident_commands', { poolSize: 20 });
    store = eventStore.store;
    handler = new IncidentCommandHandler(store, { maxAttempts: 50, baseDelayMs: 5 });
  });
  afterAll(() => eventStore?.close());

  const opened = async (): Promise<string> => {
    const incidentId = randomUUID();
    await handler.execute(openIncident(incidentId), triageService(`alert-${incidentId}`));
    return incidentId;
  };
  const typesIn = async (incidentId: string) =>
    (await readWholeStream(store, incidentStreamId(incidentId))).map((event) => event.type);

  it("writes to the incident's stream, recording the command, its cause and the command's own time", async () => {
    const incidentId = await opened();
    const outcome = await handler.execute(triage(incidentId), triageService('event-1'));
    expect(outcome).toMatchObject({ duplicate: false, appended: { nextExpectedRevision: 1 } });
    const [, triaged] = await readWholeStream(store, incidentStreamId(incidentId));
    expect(triaged).toMatchObject({
      type: 'IncidentTriaged',
      // v2 since issue 14 (rule-set version, reasons, maintenance window, flags).
      schemaVersion: 2,
      metadata: { command: 'TriageIncident', causationId: 'event-1', correlationId: 'corr-1', occurredAt: at(2) },
    });
    expect((await store.verifyStream(incidentStreamId(incidentId))).ok).toBe(true);
  });

  it('stamps the version events of each type are written in today', async () => {
    const incidentId = await opened();
    const [openedEvent] = await readWholeStream(store, incidentStreamId(incidentId));
    expect(openedEvent).toMatchObject({ type: 'IncidentOpened', schemaVersion: 2, data: { customerId: 'acme' } });
  });

  describe('given a command already handled for its cause', () => {
    it('appends nothing and returns the earlier outcome: a redelivered event does not re-triage', async () => {
      const incidentId = await opened();
      const first = await handler.execute(triage(incidentId), triageService('event-1'));
      const again = await handler.execute(triage(incidentId, 'urgent'), triageService('event-1'));
      expect(again).toEqual({ events: first.events, appended: first.appended, duplicate: true });
      expect(await typesIn(incidentId)).toEqual(['IncidentOpened', 'IncidentTriaged']);
    });

    it('does append for a new cause of the same command (a real re-triage)', async () => {
      const incidentId = await opened();
      await handler.execute(triage(incidentId), triageService('event-1'));
      const retriaged = await handler.execute(triage(incidentId, 'urgent'), triageService('event-2'));
      expect(retriaged.duplicate).toBe(false);
      expect(await typesIn(incidentId)).toEqual(['IncidentOpened', 'IncidentTriaged', 'IncidentReclassified']);
    });

    it('does append for another command with the same cause', async () => {
      const incidentId = await opened();
      await handler.execute(triage(incidentId), triageService('event-1'));
      const logged = await handler.execute(logTime(incidentId), triageService('event-1'));
      expect(logged.duplicate).toBe(false);
      expect(await typesIn(incidentId)).toEqual(['IncidentOpened', 'IncidentTriaged', 'TimeLogged']);
    });

    it('finds the earlier outcome even where the command would now be illegal', async () => {
      const incidentId = randomUUID();
      await handler.execute(openIncident(incidentId), triageService('alert-1'));
      const again = await handler.execute(openIncident(incidentId), triageService('alert-1'));
      expect(again).toMatchObject({ duplicate: true, events: [{ type: 'IncidentOpened' }] });
      await expect(handler.execute(openIncident(incidentId), triageService('alert-2'))).rejects.toBeInstanceOf(
        IllegalTransitionError,
      );
    });
  });

  it('deduplicates nothing without a cause', async () => {
    const incidentId = await opened();
    await handler.execute(logTime(incidentId), triageService(null));
    await handler.execute(logTime(incidentId), triageService(null));
    expect(await typesIn(incidentId)).toEqual(['IncidentOpened', 'TimeLogged', 'TimeLogged']);
  });

  it('gives one effect when deliveries of one cause race each other', async () => {
    const incidentId = await opened();
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () => handler.execute(triage(incidentId), triageService('event-9'))),
    );
    expect(outcomes.filter((outcome) => !outcome.duplicate)).toHaveLength(1);
    expect(await typesIn(incidentId)).toEqual(['IncidentOpened', 'IncidentTriaged']);
  });

  it('keeps events written before commands were recorded readable, and never takes them for a repeat', async () => {
    const incidentId = await opened();
    const legacy = { incidentId, responderId: 'bob', minutes: 5, totalMinutes: 5, note: null, loggedAt: at(1) };
    const metadata = { occurredAt: at(1), actor: { kind: 'user' as const, id: 'bob' }, correlationId: 'old' };
    await store.append(
      incidentStreamId(incidentId),
      [{ type: 'TimeLogged', data: legacy, metadata: { ...metadata, causationId: 'event-1' } }],
      0,
    );
    const logged = await handler.execute(logTime(incidentId), triageService('event-1'));
    expect(logged.duplicate).toBe(false);
    expect(await typesIn(incidentId)).toEqual(['IncidentOpened', 'TimeLogged', 'TimeLogged']);
  });

  describe('under contention', () => {
    it('re-reads, re-decides and appends after the rival that got in first', async () => {
      const incidentId = await opened();
      const contended = new IncidentCommandHandler(new ContendedStore(store, 2), { maxAttempts: 5, baseDelayMs: 1 });
      const outcome = await contended.execute(triage(incidentId), triageService('event-1'));
      expect(outcome.appended?.nextExpectedRevision).toBe(3);
      expect(await typesIn(incidentId)).toEqual([
        'IncidentOpened',
        'AlertCorrelated',
        'AlertCorrelated',
        'IncidentTriaged',
      ]);
    });

    it('gives up with ConcurrencyConflict once its attempts are spent, having appended nothing', async () => {
      const incidentId = await opened();
      const contended = new IncidentCommandHandler(new ContendedStore(store), { maxAttempts: 3, baseDelayMs: 1 });
      await expect(contended.execute(triage(incidentId), triageService('event-1'))).rejects.toEqual(
        new ConcurrencyConflict(incidentStreamId(incidentId), 3),
      );
      expect(await typesIn(incidentId)).not.toContain('IncidentTriaged');
    });
  });

  describe('given the history the caller read (knownHistory)', () => {
    it('decides on it when it is current: the command appends as if it had read the stream', async () => {
      const incidentId = await opened();
      const knownHistory = await readWholeStream(store, incidentStreamId(incidentId));
      const outcome = await handler.execute(triage(incidentId), { ...triageService('event-k1'), knownHistory });
      expect(outcome).toMatchObject({ duplicate: false, appended: { nextExpectedRevision: 1 } });
      expect(await typesIn(incidentId)).toEqual(['IncidentOpened', 'IncidentTriaged']);
    });

    it('reads the stream again when it is stale, and finds the effect of the same cause appended since', async () => {
      const incidentId = await opened();
      const stale = await readWholeStream(store, incidentStreamId(incidentId));
      await handler.execute(triage(incidentId), triageService('event-k2'));
      const again = await handler.execute(triage(incidentId), { ...triageService('event-k2'), knownHistory: stale });
      expect(again.duplicate).toBe(true);
      await handler.execute(logTime(incidentId), { ...triageService('event-k3'), knownHistory: stale });
      expect(await typesIn(incidentId)).toEqual(['IncidentOpened', 'IncidentTriaged', 'TimeLogged']);
    });

    it("checks a refusal decided on a stale history against the stream, and ignores another stream's", async () => {
      const incidentId = await opened();
      const other = await readWholeStream(store, incidentStreamId(await opened()));
      // Empty: no incident yet, where TriageIncident is refused; the stream says otherwise.
      await handler.execute(triage(incidentId), { ...triageService('event-k4'), knownHistory: [] });
      await handler.execute(logTime(incidentId), { ...triageService('event-k5'), knownHistory: other });
      expect(await typesIn(incidentId)).toEqual(['IncidentOpened', 'IncidentTriaged', 'TimeLogged']);
    });
  });

  describe('refusals', () => {
    it('names the stream of an incident never opened', async () => {
      const incidentId = randomUUID();
      await expect(handler.execute(logTime(incidentId), triageService(null))).rejects.toEqual(
        new StreamNotFound(incidentStreamId(incidentId)),
      );
    });

    it('names the field of an invalid command', async () => {
      const incidentId = await opened();
      const invalid = { ...triage(incidentId), data: { ...triage(incidentId).data, owningTeam: ' ' } };
      await expect(handler.execute(invalid, triageService(null))).rejects.toEqual(
        new IncidentValidationError('TriageIncident', 'owningTeam', 'must be a non-empty string'),
      );
    });
  });
});
