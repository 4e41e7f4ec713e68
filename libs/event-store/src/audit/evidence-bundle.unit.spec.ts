import type { RecordedEvent } from '../envelope';
import { GENESIS_HASH, hashEvent } from '../hash-chain';
import { planAnchors, type Anchor } from './anchor';
import { buildEvidenceBundle, serializeEvidenceBundle, verifyEvidenceBundle } from './evidence-bundle';
import { generateSigningKey, parseSigningKey } from './signing-key';

const key = parseSigningKey(generateSigningKey());
const STREAM = 'incident-7d5c1a2e-0000-4000-8000-000000000001';

function stream(count: number): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let revision = 0; revision < count; revision++) {
    const unhashed = {
      id: `id-${revision}`,
      type: 'IncidentNoted',
      schemaVersion: 1,
      data: { note: `step ${revision}`, nested: { b: 2, a: 1 } },
      metadata: {
        occurredAt: '2026-11-22T04:00:00.000Z',
        recordedAt: '2026-11-22T04:00:01.000Z',
        actor: { kind: 'user' as const, id: 'alice' },
        correlationId: 'c',
        causationId: null,
        prevHash,
      },
    };
    const hash = hashEvent(unhashed, STREAM, revision);
    events.push({
      ...unhashed,
      metadata: { ...unhashed.metadata, hash },
      streamId: STREAM,
      streamRevision: revision,
      globalPosition: BigInt(revision + 1),
      checkpoint: `1:${revision + 1}`,
    });
    prevHash = hash;
  }
  return events;
}

/** Two rounds: the first anchors revision 2 among other streams, the second revision 4. */
function anchorsFor(events: RecordedEvent[]): Anchor[] {
  const headOf = (revision: number) => ({ revision, hash: events[revision]!.metadata.hash });
  const others = (n: number) =>
    Array.from({ length: n }, (_, i) => [`incident-other-${i}`, { revision: i, hash: 'c'.repeat(64) }] as const);
  const first = planAnchors(
    {
      previous: undefined,
      heads: new Map([...others(5), [STREAM, headOf(2)]]),
      throughPosition: 3n,
      checkpoint: '1:3',
      anchoredAt: new Date('2026-11-22T04:00:10Z'),
      maxLeaves: 100,
    },
    key,
  );
  const second = planAnchors(
    {
      previous: first.at(-1),
      heads: new Map([[STREAM, headOf(4)], ...others(2)]),
      throughPosition: 5n,
      checkpoint: '1:5',
      anchoredAt: new Date('2026-11-22T04:00:20Z'),
      maxLeaves: 100,
    },
    key,
  );
  return [...first, ...second];
}

describe('an evidence bundle', () => {
  const events = stream(6);
  const text = serializeEvidenceBundle(buildEvidenceBundle(STREAM, events, anchorsFor(events), key.verifyKey));

  it('verifies offline: chain, signatures, proofs, and names the newest anchored revision', () => {
    const verdict = verifyEvidenceBundle(text, key.verifyKey.keyId);
    expect(verdict).toMatchObject({
      ok: true,
      events: 6,
      anchoredRevision: 4,
      anchoredAt: '2026-11-22T04:00:20.000Z',
      problems: [],
    });
    expect(JSON.parse(text).anchors).toHaveLength(2);
  });

  it('does not verify with any one byte of an event, a hash, a signature or a proof changed', () => {
    const flip = (from: number, search: string) => {
      const at = text.indexOf(search, from) + search.length;
      const changed = text[at] === '0' ? '1' : '0';
      return `${text.slice(0, at)}${changed}${text.slice(at + 1)}`;
    };
    const variants = [
      flip(0, '"note":"step '),
      flip(text.indexOf('"events"'), '"hash":"'),
      flip(text.indexOf('"anchors"'), '"signature":"'),
      flip(text.indexOf('"proof"'), '"hash":"'),
      flip(text.indexOf('"anchors"'), '"merkleRoot":"'),
      text.replace('"note":"step 1"', '"note":"step 1" '),
    ];
    const verdicts = variants.map((variant) => verifyEvidenceBundle(variant, key.verifyKey.keyId));
    expect(verdicts.map((verdict) => verdict.ok)).toEqual(variants.map(() => false));
    expect(verdicts.every((verdict) => verdict.problems.length > 0)).toBe(true);
  });

  it('names a bundle whose newest events were dropped', () => {
    const bundle = JSON.parse(text);
    const cut = serializeEvidenceBundle({ ...bundle, events: bundle.events.slice(0, 3) });
    expect(verifyEvidenceBundle(cut).problems).toContain(
      'anchor #1 (2026-11-22T04:00:20.000Z) anchors revision 4, the bundle ends at 2',
    );
  });

  it('names a key other than the trusted one, and a field nothing vouches for', () => {
    const other = parseSigningKey(generateSigningKey()).verifyKey.keyId;
    expect(verifyEvidenceBundle(text, other).problems[0]).toMatch(/not the trusted/);
    const bundle = JSON.parse(text);
    const extra = serializeEvidenceBundle({
      ...bundle,
      events: [{ ...bundle.events[0], note: 'x' }, ...bundle.events.slice(1)],
    });
    expect(verifyEvidenceBundle(extra).problems[0]).toMatch(/must have exactly their fields/);
  });
});
