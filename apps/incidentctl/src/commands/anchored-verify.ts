import { incidentIdOfStream } from '@incident/domain';
import {
  verifyStoredStreamAnchored,
  type AnchoredStreamVerdict,
  type HashChainedEventStore,
} from '@incident/event-store';
import { readAuditAnchors, verifyKeyFromEnvironment } from './audit-anchors-from-env';

function describeVerdict(verdict: AnchoredStreamVerdict): string {
  if (!verdict.ok) return `${verdict.streamId}: BROKEN\n${verdict.problems.map((p) => `    ${p.message}`).join('\n')}`;
  const anchored = verdict.anchored
    ? `anchored through revision ${verdict.anchored.revision} at ${verdict.anchored.anchoredAt} (anchor #${verdict.anchored.sequence})`
    : 'no anchor covers it yet';
  const newer =
    verdict.anchored && verdict.unanchoredEvents > 0 ? `; ${verdict.unanchoredEvents} newer not yet anchored` : '';
  return `${verdict.streamId}: OK (${verdict.events} events, ${anchored}${newer})`;
}

/**
 * `verify --anchored`: the anchor chain first (a broken one is named, and makes every verdict doubtful), then
 * each stream against every anchor covering it. With --all, the streams are those of the global log and those
 * the anchors name, so a stream deleted outright is found too. Returns how many problems it printed.
 */
export async function verifyAnchored(
  store: HashChainedEventStore,
  streams: readonly string[] | 'all',
  listStreams: () => Promise<string[]>,
  publicKey?: string,
): Promise<number> {
  const key = verifyKeyFromEnvironment(publicKey);
  const { audit } = await readAuditAnchors(key);
  const { chain } = audit;
  process.stdout.write(
    chain.ok
      ? `audit.anchors: ${chain.anchors} anchors, chain and signatures OK (key ${key.keyId.slice(0, 16)}…)\n`
      : `audit.anchors: ${chain.anchors} anchors, BROKEN\n${chain.problems.map((p) => `    ${p.message}`).join('\n')}\n`,
  );
  let targets: readonly string[];
  if (streams === 'all') {
    const anchored = [...audit.heads.keys()].filter((stream) => incidentIdOfStream(stream) !== null);
    targets = [...new Set([...(await listStreams()), ...anchored])].sort();
  } else {
    targets = streams;
  }
  let broken = 0;
  for (const stream of targets) {
    const verdict = await verifyStoredStreamAnchored(store.adapter, stream, audit);
    if (streams !== 'all' && verdict.events === 0 && !verdict.anchored) {
      throw new Error(`${stream} has no history, and no anchor names it`);
    }
    if (!verdict.ok) broken += 1;
    if (!verdict.ok || streams !== 'all') process.stdout.write(`${describeVerdict(verdict)}\n`);
  }
  if (streams === 'all')
    process.stdout.write(`${targets.length - broken} of ${targets.length} incidents hold against their anchors\n`);
  return broken + chain.problems.length;
}
