import { canonicalJson } from './canonical-json';
import type { PreparedEvent } from './envelope';
import { GENESIS_HASH, hashEvent, verifyChain, type StoredForVerification } from './hash-chain';

function chain(count: number): StoredForVerification[] {
  const events: StoredForVerification[] = [];
  let prevHash = GENESIS_HASH;
  for (let revision = 0; revision < count; revision++) {
    const unhashed = {
      id: `id-${revision}`,
      type: 'NoteAdded',
      schemaVersion: 1,
      data: { n: revision, nested: { b: 2, a: 1 } },
      metadata: {
        occurredAt: '2026-11-22T04:00:00.000Z',
        recordedAt: '2026-11-22T04:00:01.000Z',
        actor: { kind: 'user', id: 'alice' },
        correlationId: 'c',
        causationId: null,
        prevHash,
      },
    } as const;
    const hash = hashEvent(unhashed, 'stream-1', revision);
    const event: PreparedEvent = { ...unhashed, metadata: { ...unhashed.metadata, hash } };
    events.push({ ...event, streamId: 'stream-1', streamRevision: revision });
    prevHash = hash;
  }
  return events;
}

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: [{ d: 1, c: undefined, a: null }], a: 'x' })).toBe('{"a":"x","b":[{"a":null,"d":1}]}');
  });
});

describe('the hash chain', () => {
  it('verifies an intact chain whatever the key order of stored JSON', () => {
    const events = chain(4).map((event) => ({
      ...event,
      data: JSON.parse(JSON.stringify({ nested: { a: 1, b: 2 }, n: (event.data as { n: number }).n })),
    }));
    expect(verifyChain(events)).toEqual({ ok: true, events: 4, lastHash: events[3]!.metadata.hash });
  });

  it.each([0, 1, 2, 3])('names revision %i when its data is changed', (revision) => {
    const events = chain(4);
    events[revision] = { ...events[revision]!, data: { n: 99, nested: { a: 1, b: 2 } } };
    expect(verifyChain(events)).toMatchObject({
      ok: false,
      firstBrokenRevision: revision,
      reason: 'content does not match its hash',
    });
  });

  it('names the revision whose metadata (the actor) was changed', () => {
    const events = chain(3);
    events[1] = { ...events[1]!, metadata: { ...events[1]!.metadata, actor: { kind: 'user', id: 'mallory' } } };
    expect(verifyChain(events)).toMatchObject({ ok: false, firstBrokenRevision: 1 });
  });

  it('notices a removed event', () => {
    const events = chain(4);
    events.splice(2, 1);
    expect(verifyChain(events)).toMatchObject({ ok: false, firstBrokenRevision: 3 });
  });

  it('notices an event rehashed on its own, by the next one’s prevHash', () => {
    const events = chain(3);
    const forged = { ...events[1]!, data: { n: 7, nested: { a: 1, b: 2 } } };
    events[1] = { ...forged, metadata: { ...forged.metadata, hash: hashEvent(forged, 'stream-1', 1) } };
    expect(verifyChain(events)).toMatchObject({ ok: false, firstBrokenRevision: 2 });
  });
});
