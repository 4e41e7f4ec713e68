import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { PreparedEvent } from './envelope';
import { GENESIS_HASH, hashEvent, sealEvent, verifyChain, type StoredForVerification } from './hash-chain';

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

/*
 * Known answers, computed once outside this code with the shell, e.g. for the first:
 *   printf '%s%s' "$(printf '0%.0s' $(seq 64))" '{"data":{"n":0},"id":"e1","metadata":{"actor":{"id":"alice",
 *   "kind":"user"},"causationId":null,"correlationId":"c","occurredAt":"2026-11-22T04:00:00.000Z","prevHash":"00…0",
 *   "recordedAt":"2026-11-22T04:00:01.000Z"},"schemaVersion":1,"streamId":"stream-1","streamRevision":0,
 *   "type":"NoteAdded"}' | sha256sum
 * (one line, no spaces, prevHash written out in full). A change to the recipe (field set, key order, encoding,
 * what is prefixed) changes these and breaks every chain already stored, so it must show up here.
 */
describe('the hash recipe, pinned by known answers', () => {
  const FIRST = '8bd6a90f2b40627ced4f48cfa2d95ed9b5ad758f677067cd998fee2d18e48393';
  // Keys deliberately out of order: the recipe sorts them.
  const event = (prevHash: string) =>
    ({
      type: 'NoteAdded',
      id: 'e1',
      schemaVersion: 1,
      metadata: {
        recordedAt: '2026-11-22T04:00:01.000Z',
        prevHash,
        occurredAt: '2026-11-22T04:00:00.000Z',
        correlationId: 'c',
        causationId: null,
        actor: { kind: 'user', id: 'alice' },
      },
      data: { n: 0 },
    }) as const;

  it('hashes the first event of a stream to the value sha256sum gives', () => {
    expect(hashEvent(event(GENESIS_HASH), 'stream-1', 0)).toBe(FIRST);
  });

  it('chains: the next event’s hash starts from the previous hash', () => {
    expect(hashEvent(event(FIRST), 'stream-1', 1)).toBe(
      'e28a0e585e12715daeb72d829b4e08439e1a34b87cd526e808e11a458e1f969a',
    );
  });

  it('ignores a hash already in the metadata', () => {
    const hashed = { ...event(GENESIS_HASH), metadata: { ...event(GENESIS_HASH).metadata, hash: 'f'.repeat(64) } };
    expect(hashEvent(hashed, 'stream-1', 0)).toBe(FIRST);
  });

  it.each([
    ['another stream', 'stream-2', 0, 'dd72f88c4532586b870468274c04150d30f2229541b577751e1b92da0737e53b'],
    ['another revision', 'stream-1', 1, 'c8a8564d06d9ae4c06d5126b2923a3dcd1410fde00f622615c12e6d89a7eb02a'],
  ])('hashes the same event differently under %s', (_place, streamId, revision, expected) => {
    const hash = hashEvent(event(GENESIS_HASH), streamId, revision);
    expect(hash).toBe(expected);
    expect(hash).not.toBe(FIRST);
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

describe('sealing an event (hash and stored texts at once)', () => {
  const base = {
    id: 'e1',
    type: 'NoteAdded',
    schemaVersion: 2,
    metadata: {
      occurredAt: '2026-11-22T04:00:00.000Z',
      recordedAt: '2026-11-22T04:00:01.000Z',
      actor: { kind: 'integration', id: 'key-1' },
      correlationId: 'c "quoted" \\ ü',
      causationId: null,
      command: 'CorrelateAlert',
      prevHash: GENESIS_HASH,
    },
  } as const;
  // The recipe written out the slow way: canonical JSON of the whole event, prevHash in front.
  const reference = (event: typeof base & { data: unknown }, streamId: string, revision: number) =>
    createHash('sha256')
      .update(event.metadata.prevHash)
      .update(
        canonicalJson({
          id: event.id,
          type: event.type,
          schemaVersion: event.schemaVersion,
          streamId,
          streamRevision: revision,
          data: event.data,
          metadata: event.metadata,
        }),
      )
      .digest('hex');

  it.each([
    ['nested objects and arrays', { z: [1, { b: null, a: 'x' }], a: { d: true, c: -0.5 } }],
    ['a string', 'just text'],
    ['null', null],
    ['no data at all', undefined],
    ['keys that sort before and after "data"', { aaa: 1, zzz: 2, data: { id: 'inner' } }],
  ])('hashes %s as the canonical JSON of the whole event', (_case, data) => {
    const event = { ...base, data };
    expect(sealEvent(event, 'incident-1', 7).hash).toBe(reference(event, 'incident-1', 7));
  });

  it('keeps data and metadata texts that parse back to the values, the hash included', () => {
    const data = { b: [1, 2], a: 'é' };
    const sealed = sealEvent({ ...base, data }, 'incident-1', 0);
    expect(JSON.parse(sealed.dataJson ?? 'missing')).toEqual(data);
    expect(JSON.parse(sealed.metadataJson)).toEqual({ ...base.metadata, hash: sealed.hash });
  });
});
