import { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import type { HashChainedEventStore, VerificationResult } from '@incident/event-store';
import { incidentIdOfStream, incidentStreamId } from '@incident/domain';
import { verifyAnchored } from './anchored-verify';
import { withStore } from './store-from-env';

async function incidentStreams(store: HashChainedEventStore): Promise<string[]> {
  // The port has no "list streams"; the global log names every stream, whichever adapter is behind it.
  const streams = new Set<string>();
  for (let after: string | undefined; ;) {
    const page = await store.readAll({ ...(after ? { after } : {}), maxCount: 5000 });
    if (page.length === 0) break;
    for (const event of page) if (incidentIdOfStream(event.streamId) !== null) streams.add(event.streamId);
    after = page.at(-1)?.checkpoint;
  }
  return [...streams];
}

function describe(stream: string, result: VerificationResult): string {
  return result.ok
    ? `${stream}: OK (${result.events} events)`
    : `${stream}: BROKEN at revision ${result.firstBrokenRevision} (${result.reason})`;
}

/**
 * Recomputes hash chains: one incident, or every incident in the store with a progress bar. With --anchored,
 * also holds them against the signed anchors on audit.anchors (docs/audit.md).
 */
export function verifyCommand(): Command {
  return new Command('verify')
    .description("recompute an incident's hash chain (or every incident's, with --all)")
    .argument('[incident-id]', 'the incident id (uuid)')
    .option('--all', 'verify every incident in the store')
    .option('--anchored', 'also check against the signed anchors on audit.anchors (deleted tails, rewritten streams)')
    .option('--public-key <base64>', 'the Ed25519 key anchors must be signed with (default AUDIT_PUBLIC_KEY)')
    .action(
      async (incidentId: string | undefined, options: { all?: boolean; anchored?: boolean; publicKey?: string }) => {
        if (!incidentId && !options.all) throw new Error('name an incident id, or pass --all');
        if (options.anchored) {
          const problems = await withStore((store) =>
            verifyAnchored(
              store,
              incidentId ? [incidentStreamId(incidentId)] : 'all',
              () => incidentStreams(store),
              options.publicKey,
            ),
          );
          if (problems > 0) process.exitCode = 2;
          return;
        }
        const broken = await withStore(async (store) => {
          if (incidentId) {
            const result = await store.verifyStream(incidentStreamId(incidentId));
            process.stdout.write(`${describe(incidentStreamId(incidentId), result)}\n`);
            return result.ok ? [] : [incidentId];
          }
          process.stderr.write('Listing incidents from the global log…\n');
          const streams = await incidentStreams(store);
          const bar = new SingleBar(
            { format: 'verify [{bar}] {value}/{total} incidents | {broken} broken', stream: process.stderr },
            Presets.shades_classic,
          );
          const failures: string[] = [];
          bar.start(streams.length, 0, { broken: 0 });
          for (const stream of streams) {
            const result = await store.verifyStream(stream);
            if (!result.ok) failures.push(describe(stream, result));
            bar.increment(1, { broken: failures.length });
          }
          bar.stop();
          process.stdout.write(`${streams.length - failures.length} of ${streams.length} incidents verified OK\n`);
          for (const failure of failures) process.stdout.write(`${failure}\n`);
          return failures;
        });
        if (broken.length > 0) process.exitCode = 2;
      },
    );
}
